#!/usr/bin/env node
/**
 * @file Start the sandbox Graph API on 127.0.0.1 and print exactly one line:
 * `sandbox listening on http://127.0.0.1:PORT`.
 *
 * Usage: see `USAGE` below (`--help` prints it). Each option flag sets the `SandboxOptions` field
 * of the same name (`--media-count` → `mediaCount`; `--access-token`, repeatable, → `accessTokens`),
 * documented in `./index.d.ts`.
 *
 * Stops on SIGINT/SIGTERM, or when stdin closes if started with `--exit-on-stdin-close`.
 */

import { createSandbox } from "./node.js";

const USAGE =
  "usage: node serve.js [--port N] [--latency-ms N] [--seed N] [--media-count N] [--usage-per-call N] " +
  "[--polls-until-finished N] [--app-secret S] [--access-token T]... [--exit-on-stdin-close]";

/** Parse `--name value` and `--name=value` arguments. */
function parseArgs(argv) {
  const out = { port: 0, options: {}, exitOnStdinClose: false };
  const tokens = [];
  const numeric = (name, value) => {
    const n = Number(value);
    if (value === undefined || value === "" || !Number.isFinite(n)) throw new Error(`${name} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = () => (value !== undefined ? value : argv[++i]);
    switch (arg) {
      case "--port":
        out.port = numeric(arg, next());
        break;
      case "--latency-ms":
        out.options.latencyMs = numeric(arg, next());
        break;
      case "--seed":
        out.options.seed = numeric(arg, next());
        break;
      case "--media-count":
        out.options.mediaCount = numeric(arg, next());
        break;
      case "--usage-per-call":
        out.options.usagePerCall = numeric(arg, next());
        break;
      case "--polls-until-finished":
        out.options.pollsUntilFinished = numeric(arg, next());
        break;
      case "--app-secret":
        out.options.appSecret = next();
        break;
      case "--access-token":
        tokens.push(next());
        break;
      case "--exit-on-stdin-close":
        out.exitOnStdinClose = true;
        break;
      case "--help":
      case "-h":
        process.stdout.write(USAGE + "\n");
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  if (tokens.length) out.options.accessTokens = tokens;
  return out;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`serve.js: ${e.message}\n${USAGE}\n`);
  process.exit(2);
}

const sandbox = createSandbox(args.options);
const server = await sandbox.listen({ port: args.port, host: "127.0.0.1" });
process.stdout.write(`sandbox listening on ${server.url}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
if (args.exitOnStdinClose) {
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}
