# ml-router image. Build from the repository root:
#   docker build -f infra/docker/ml-router.Dockerfile -t ml-router:dev .
# Stage 1 installs the workspace, builds ml-router and its workspace dependencies, and
# `pnpm deploy`s the production closure into /out; stage 2 runs it as a non-root user.
FROM node:20-bookworm-slim AS build
# The LightGBM addon is compiled from source at install (cmake + a C++ compiler, OpenMP).
RUN apt-get update \
  && apt-get install -y --no-install-recommends cmake g++ make ninja-build python3 ca-certificates \
  && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@10
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm exec turbo run build --filter=ml-router...
RUN pnpm --filter ml-router deploy --prod --legacy /out

FROM node:20-bookworm-slim
# OpenMP runtime for the LightGBM addon.
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=10001:10001 /out /app
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
