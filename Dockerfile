# One image for every service of compose.yaml: the harness and each simulated party run `cch` with
# their own command (see compose.yaml). Node 20, the project's TypeScript run directly with tsx.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
VOLUME /data
ENTRYPOINT ["node", "bin/cch.mjs"]
CMD ["--help"]
