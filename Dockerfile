# One image for every service of compose.yaml: the harness and each simulated party run `cch` with
# their own command (see compose.yaml). Node 20, the project's TypeScript compiled on first use
# (bin/compiled.mjs).
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Compiles cch once into the image (bin/compiled.mjs); a container recompiles only if its sources differ.
RUN node bin/cch.mjs --help > /dev/null
VOLUME /data
ENTRYPOINT ["node", "bin/cch.mjs"]
CMD ["--help"]
