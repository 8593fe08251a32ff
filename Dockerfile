# syntax=docker/dockerfile:1
# The CSP Partner Assistant as a container: build with the dev tools, run without them, as a non-root user.
# docker build -t csp-partner-assistant .   (compose.yaml runs two of these on one Redis)

FROM node:20-bookworm-slim AS build
WORKDIR /app
# node-sqlite3 compiles from source when its prebuilt binary cannot be downloaded: give it a compiler.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dependencies first (a layer reused until the lock file changes); `prepare` compiles once sources are in.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/buildIfStale.mjs scripts/bundleEntry.mjs scripts/nativeAsync.cjs scripts/
COPY bot bot
COPY cards cards
COPY dialogs dialogs
COPY i18n i18n
COPY services services
# The rewritten dependency files the bundle was built from (scripts/nativeAsync.cjs) are the build's alone.
RUN node scripts/buildIfStale.mjs && npm prune --omit=dev --no-audit --no-fund && rm -rf node_modules/.cache

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
# Read at run time from the project root (i18n/projectRoot.ts): card templates and message catalogs.
COPY cards/teams cards/teams
COPY i18n/locales i18n/locales
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
# Liveness only: readiness (/readyz) belongs to the load balancer, which must not restart an instance for it.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/bot/index.js"]
