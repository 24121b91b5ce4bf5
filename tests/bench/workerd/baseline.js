// The same Worker without the package: one raw fetch + JSON.parse of the same Graph call. What
// workerd itself costs to start, for reference.
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const ig = url.searchParams.get("ig");
    const res = await fetch(`${url.searchParams.get("sandbox")}/v27.0/${ig}?fields=id,username&access_token=sandbox-token`);
    return Response.json(JSON.parse(await res.text()));
  },
};
