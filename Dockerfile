# Countersign's worker (and later its server and Slack app): TypeScript run with tsx.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY migrations ./migrations
COPY countersign.example.yaml ./
USER node
CMD ["npm", "run", "worker"]
