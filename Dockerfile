# syntax=docker/dockerfile:1
# The session worker: a long-running Node 24 process holding the users' WhatsApp sessions.
# Node 24 runs our TypeScript natively (type stripping), so the image runs the same files the
# tests and the local stack run; no bundling step whose output could differ from them. Baileys
# and its crypto/protobuf dependencies are kept as installed packages, not bundled.

ARG NODE_IMAGE=node:24-bookworm-slim

# Stage 1: production dependencies only, from the lockfile.
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Stage 2: the runtime image: no npm cache, no dev dependencies, no build tools.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and not writable by the process user: the code cannot be changed at run time.
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY functions ./functions
# The image ships libsignal (GPL-3.0): the licence and the third-party notices travel with it.
COPY LICENSE ./
COPY docs/third-party-notices.md ./docs/
# The image's unprivileged `node` user (uid 1000).
USER node
# SIGTERM (ECS stop) lets the worker release its shard leases before the task goes away.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "functions/worker/main.ts"]
