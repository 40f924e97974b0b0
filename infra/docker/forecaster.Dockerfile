# forecaster image. Build from the repository root:
#   docker build -f infra/docker/forecaster.Dockerfile -t forecaster:dev .
# Stage 1 installs the workspace, builds forecaster and its workspace dependencies, and
# `pnpm deploy`s the production closure into /out; stage 2 runs it as a non-root user.
FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@10
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm exec turbo run build --filter=forecaster...
RUN pnpm --filter forecaster deploy --prod --legacy /out

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=10001:10001 /out /app
USER 10001:10001
EXPOSE 8081 50051
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8081/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
