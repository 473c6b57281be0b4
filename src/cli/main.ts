/**
 * Entry point: `npm run sim -- <command>` or the `embassy-sim` bin.
 *
 * Owns the process's exit code and its stderr:
 *   - a flag error (`-r 0`, `-r abc`, an unknown flag or command) prints ONE line on stderr naming the
 *     flag and exits 2 (effect/cli's default would print the whole help on stdout and exit 1);
 *   - `--help` / no command print the help on stdout and exit 0;
 *   - an unexpected internal error prints one line with where to report it (exit 1), the stack trace
 *     only with `--verbose` (a global flag, accepted anywhere on the line);
 *   - handlers set 2 (user error) or 130 / 143 (stopped by a signal) themselves.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as CliOutput from "effect/cli/CliOutput"
import { cli } from "./commands.ts"
import { diag, internalError } from "./io.ts"

// `embassy-sim run … --json | head`: a closed pipe ends the program quietly, not with a stack trace
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0)
  throw e
})

const argv = process.argv.slice(2)
const verbose = argv.includes("--verbose")
const args = argv.filter((a) => a !== "--verbose")

/** One line for a flag error: the first error's own message, flattened, and where to look. */
let flagError: string | undefined
const presenter = CliOutput.layerPresenter({
  present: (event) => {
    if (event._tag !== "InvalidInvocation") return CliOutput.defaultPresenter.present(event)
    const first = event.errors[0]
    const message = (first === undefined ? "invalid command line" : first.message).replace(/\s+/g, " ").replace("Expected: Schema validation failed: ", "").replace("Expected a string representing a finite number", "expected a whole number").trim()
    flagError = `embassy-sim: ${message}${event.errors.length > 1 ? ` (and ${event.errors.length - 1} more)` : ""}; see \`embassy-sim ${event.commandPath.slice(1).join(" ")}${event.commandPath.length > 1 ? " " : ""}--help\``
    return Effect.sync(() => diag(flagError!))
  }
})

const program = cli(args).pipe(Effect.provide(Layer.mergeAll(NodeServices.layer, presenter)))

Effect.runPromiseExit(program).then((exit) => {
  if (Exit.isFailure(exit)) {
    if (flagError !== undefined) process.exitCode = 2
    else {
      const squashed = Cause.squash(exit.cause)
      const tag = (squashed as { _tag?: string } | null)?._tag
      // effect/cli already printed these (help shown for a command without handler, a user error)
      if (tag === "ShowHelp") process.exitCode = process.exitCode ?? 0
      else { internalError(squashed, verbose); process.exitCode = 1 }
    }
  }
}, (e: unknown) => { internalError(e, verbose); process.exitCode = 1 })
