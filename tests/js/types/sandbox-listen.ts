// The README's sandbox quick start: it must type-check under `moduleResolution` "nodenext" (Node)
// and "bundler" (Vite, Vitest, esbuild projects), with `listen` and its `server.url` as `baseUrl`.
import { InstagramClient, type IgUser } from "instagram-graph-wasm";
import { createSandbox, type SandboxServer } from "instagram-graph-wasm/sandbox";

export async function sandboxQuickStart(): Promise<string> {
  const sandbox = createSandbox({ latencyMs: 0 });
  const server: SandboxServer = await sandbox.listen({ port: 0 });
  const ig = new InstagramClient({ accessToken: sandbox.ids.accessToken, baseUrl: server.url });
  const me = await ig.get<IgUser>(sandbox.ids.igUserId, { fields: "id,username" });
  await server.close();
  return me.username ?? "";
}
