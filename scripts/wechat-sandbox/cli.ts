/** Runs the WeChat stand-in on its own: `npx tsx scripts/wechat-sandbox/cli.ts`. */
import { startWechatSandbox } from './server';

async function main(): Promise<void> {
  const sandbox = await startWechatSandbox({
    port: Number(process.env.WECHAT_SANDBOX_PORT ?? 3100),
    host: process.env.WECHAT_SANDBOX_HOST ?? '127.0.0.1',
    appId: process.env.WECHAT_APP_ID ?? 'wx0000000000demo',
    appSecret: process.env.WECHAT_APP_SECRET ?? 'demo-app-secret',
    appHosts: (process.env.WECHAT_SANDBOX_APP_HOSTS ?? '').split(',').filter(Boolean),
  });
  console.log(`WeChat stand-in listening on ${sandbox.url}`);
  const shutdown = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
