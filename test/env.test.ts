import { expect, test } from "vitest"

test("tests run on the pinned Node 24 (devDependency `node`), not the machine's Node 20", () => {
  expect(process.versions.node.split(".")[0]).toBe("24")
})
