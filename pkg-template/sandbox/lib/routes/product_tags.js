/**
 * @file Product tagging (Facebook Login): the account's catalogs (`GET /{ig-user-id}/available_catalogs`),
 * product search (`GET /{ig-user-id}/catalog_product_search`), and a media's tags (`GET|POST|DELETE
 * /{ig-media-id}/product_tags`). Ids go out as JSON numbers, as in Meta's samples.
 */

import { GraphError, err } from "../errors.js";
import { SUCCESS, defineSchemas, listOf, prop } from "../nodes.js";

const price = (p) => `$${(p.price_cents / 100).toFixed(2)}`;

defineSchemas({
  ProductCatalog: {
    type: "ProductCatalog",
    fields: {
      catalog_id: prop("catalog_id"),
      catalog_name: prop("catalog_name"),
      shop_name: prop("shop_name"),
      product_count: (c) => c.productIds.length,
    },
  },
  CatalogProduct: {
    type: "CatalogProduct",
    fields: {
      product_id: (p) => Number(p.product_id),
      merchant_id: (p) => Number(p.merchant_id),
      product_name: prop("product_name"),
      image_url: prop("image_url"),
      retailer_id: prop("retailer_id"),
      review_status: prop("review_status"),
      is_checkout_flow: prop("is_checkout_flow"),
      product_variants: (p) => p.variants.map((v) => ({ product_id: Number(v.product_id), variant_name: v.variant_name })),
    },
  },
  ProductTag: {
    type: "ProductTag",
    fields: {
      product_id: (t) => Number(t.product.product_id),
      merchant_id: (t) => Number(t.product.merchant_id),
      name: (t) => t.product.product_name,
      price_string: (t) => price(t.product),
      stripped_price_string: (t) => price(t.product),
      stripped_sale_price_string: (t) => price(t.product),
      image_url: (t) => t.product.image_url,
      review_status: (t) => t.product.review_status,
      is_checkout: (t) => t.product.is_checkout_flow,
      x: prop("x"),
      y: prop("y"),
    },
  },
});

const TAG_FIELDS = ["product_id", "merchant_id", "name", "price_string", "image_url", "review_status", "is_checkout", "stripped_price_string", "stripped_sale_price_string", "x", "y"];

/** `updated_tags`/`deleted_tags`: a JSON array of `{ product_id, x?, y? }`. */
function tagList(ctx, name) {
  const v = ctx.params[name];
  if (v === undefined || v === "") throw err.required(name);
  let list;
  try {
    list = JSON.parse(v);
  } catch {
    throw err.param(`Param ${name} must be a JSON array`);
  }
  if (!Array.isArray(list) || list.some((t) => !t || typeof t !== "object" || t.product_id === undefined)) {
    throw err.param(`Param ${name} must be an array of objects with a product_id`);
  }
  return list;
}

/** The media (or the carousel child) whose tags a call names, and its tag list. */
function tagTarget(ctx, m) {
  if (m.kind !== "feed") throw err.unsupported(ctx.method, `${m.id}/product_tags`);
  if (m.media_type !== "CAROUSEL_ALBUM") return m;
  const index = Number(ctx.params.child_index);
  const child = Number.isInteger(index) && index >= 0 ? ctx.state.media.get(m.childIds[index]) : undefined;
  if (!child) throw err.param("Param child_index must name a child of the carousel album");
  return child;
}

export const routes = {
  iguser: {
    "GET available_catalogs": (ctx) =>
      listOf(ctx, [...ctx.state.catalogs.values()].map((c) => ({ ...c, id: c.catalog_id })), "ProductCatalog", ["catalog_id", "catalog_name", "product_count", "shop_name"]),
    "GET catalog_product_search": (ctx) => {
      const id = ctx.params.catalog_id;
      if (id === undefined || id === "") throw err.required("catalog_id");
      const catalog = ctx.state.catalogs.get(String(id));
      if (!catalog) throw err.param(`Param catalog_id ${id} is not a catalog this account can tag from`);
      const q = String(ctx.params.q ?? "").toLowerCase();
      const found = catalog.productIds
        .map((pid) => ctx.state.products.get(pid))
        .filter((p) => !q || p.product_name.toLowerCase().includes(q) || p.retailer_id.toLowerCase().includes(q))
        .map((p) => ({ ...p, id: p.product_id }));
      return listOf(ctx, found, "CatalogProduct", ["product_id", "merchant_id", "product_name", "image_url", "retailer_id", "review_status", "is_checkout_flow", "product_variants"]);
    },
  },
  media: {
    "GET product_tags": (ctx, m) => {
      const target = m.media_type === "CAROUSEL_ALBUM" ? m.childIds.flatMap((id) => ctx.state.productTags.get(id) ?? []) : ctx.state.productTags.get(m.id) ?? [];
      const tags = target.map((t) => ({ ...t, id: t.product_id, product: ctx.state.products.get(t.product_id) })).filter((t) => t.product);
      return listOf(ctx, tags, "ProductTag", TAG_FIELDS);
    },
    "POST product_tags": (ctx, m) => {
      const target = tagTarget(ctx, m);
      const isVideo = target.media_type === "VIDEO";
      const tags = [...(ctx.state.productTags.get(target.id) ?? [])];
      for (const t of tagList(ctx, "updated_tags")) {
        const id = String(t.product_id);
        // NB: Instagram error codes: 2207035/2207036 (positions on video / none on a photo), 2207037 (unknown products).
        if (!ctx.state.products.has(id)) throw err.ig(100, 2207037, "We couldn't add all of your product tags.", "Product tags not added", "Some products could not be found in the catalog.");
        if (isVideo && (t.x !== undefined || t.y !== undefined)) throw err.ig(100, 2207035, "Product tag positions should not be specified for video media.", "Invalid product tag", "Do not give x and y for a video.");
        if (!isVideo && (typeof t.x !== "number" || typeof t.y !== "number")) throw err.ig(100, 2207036, "Product tag positions are required for photo media.", "Invalid product tag", "Give x and y for a photo.");
        const tag = isVideo ? { product_id: id } : { product_id: id, x: t.x, y: t.y };
        const at = tags.findIndex((x) => x.product_id === id);
        if (at >= 0) tags[at] = tag;
        else tags.push(tag);
      }
      // NB: "Tagging media is additive until the tag limit has been reached (20 for feed posts, 30 for Reels)".
      const limit = m.media_product_type === "REELS" ? 30 : 20;
      if (tags.length > limit) throw new GraphError(100, `(#100) A media can have at most ${limit} product tags`);
      ctx.state.productTags.set(target.id, tags);
      return SUCCESS();
    },
    "DELETE product_tags": (ctx, m) => {
      const target = tagTarget(ctx, m);
      const gone = new Set(tagList(ctx, "deleted_tags").map((t) => String(t.product_id)));
      ctx.state.productTags.set(target.id, (ctx.state.productTags.get(target.id) ?? []).filter((t) => !gone.has(t.product_id)));
      return SUCCESS();
    },
  },
};
