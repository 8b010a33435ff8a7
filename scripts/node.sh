#!/bin/sh
# The one way npm scripts (and scripts that start another Node process) run TypeScript with Node, so
# every entry point gets the same flags:
#   --no-node-snapshot          isolated-vm requires it (the sandbox, the grader workers)
#   --conditions=react-server   `import "server-only"` resolves to its no-op outside Next.js
#   --import tsx                TypeScript sources and the "@/" paths of tsconfig.json
#   --disable-warning=ExperimentalWarning   Node 24's notices about the features above
# `exec`: the script's process is Node itself, so signals (npm start's SIGTERM drain) reach it.
exec node --disable-warning=ExperimentalWarning --no-node-snapshot --conditions=react-server --import tsx "$@"
