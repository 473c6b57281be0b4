#!/usr/bin/env node
// The CLI is TypeScript run directly by Node 24 (type stripping); see package.json "engines".
import "../src/cli/main.ts"
