/** See source-time.js. */
export declare const SOURCES: ReadonlyArray<string>
export declare const newestSourceTime: (root: string) => number
