import { ConfigError, loadAppConfig } from './config/app-config';
import { createApp } from './bootstrap/create-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadAppConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  // A deep accept queue: a burst of new connections (a flash sale opening) is not dropped and retried a second later.
  await app.listen({ port: config.port, host: config.host, backlog: 2048 });
  const url = await app.getUrl();
  app.get(require('nestjs-pino').Logger).log(`Server listening on ${url} (database: ${config.database.kind})`);
}

main().catch((error) => {
  console.error(`Server failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
