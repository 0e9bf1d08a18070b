# One image for every docaxis app; the command picks the app.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# The apps' Node flags, as scripts/axis-app-launch.ts gives them to npm start and the benchmark.
ENV NODE_OPTIONS=--max-semi-space-size=32
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/certs/dev-agencies.json ./certs/dev-agencies.json
# The blob store's mount point, owned by the apps' user: a fresh named volume mounted here starts
# as a copy of it, so the apps can write (otherwise it is root's and readiness fails on blobStore).
RUN mkdir -p var/blobs && chown node:node var/blobs
USER node
CMD ["node", "dist/apps/gateway/src/main.js"]
