# Countersign's processes (worker, server, migrations, the countersign CLI): TypeScript run by
# tsx, a runtime dependency. Debian (glibc), not alpine: the Temporal SDK's core-bridge
# ships prebuilt binaries for glibc on linux x64 and arm64 only.
FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit && npm cache clean --force
COPY tsconfig.json countersign.example.yaml ./
COPY bin ./bin
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY migrations ./migrations
# Read-only code owned by root; the processes run as node and write nothing under /app.
USER node
# 8787: the server (npm run server); 9464: a worker's health and metrics (npm run worker).
EXPOSE 8787 9464
# The worker by default; node itself, not npm, so SIGTERM reaches it and it drains.
CMD ["node", "--import", "tsx", "src/worker/main.ts"]
