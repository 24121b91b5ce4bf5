/** @file The content pools the generated data draws from (a specialty coffee roaster's account), and captions. */

const ORIGINS = [
  "Ethiopia Yirgacheffe", "Colombia Huila", "Kenya Nyeri AA", "Guatemala Antigua", "Costa Rica Tarrazú",
  "Rwanda Nyamasheke", "Peru Cajamarca", "Sumatra Mandheling", "Burundi Kayanza", "Honduras Marcala",
  "Brazil Cerrado", "Panama Boquete Geisha",
];
export const DRINKS = [
  "oat flat white", "cortado", "cold brew", "V60 pour-over", "honey lavender latte", "double espresso",
  "cappuccino", "iced shakerato", "cardamom cold foam brew", "batch brew", "chai latte", "affogato",
];
const PASTRIES = [
  "cardamom buns", "almond croissants", "sourdough cinnamon rolls", "pistachio cookies", "banana bread",
  "olive oil cake", "morning buns",
];
const NOTES = [
  "blueberry and jasmine", "milk chocolate and orange zest", "stone fruit and brown sugar", "bergamot and honey",
  "red apple and caramel", "dark cherry and cocoa", "lime and black tea", "toffee and hazelnut",
];
const CAPTION_TEMPLATES = [
  "Fresh batch of {origin} just came off the roaster. Tasting notes: {notes}. ☕",
  "Monday mornings call for a {drink}. What are you sipping today?",
  "New on the menu: {drink} with house-made syrup. Available all week while supplies last!",
  "Our {pastry} are back, baked fresh every morning by @sourdough.sam 🥐",
  "Cupping session this Saturday at 10am — we're tasting {origin} side by side with {origin2}. Bring a friend!",
  "Behind the scenes: dialing in the espresso for {origin}. 18g in, 36g out, 28 seconds.",
  "Latte art throwdown recap! Huge thanks to everyone who came out, and congrats to @mara.brews 🏆",
  "Rainy day, warm cup. Our {drink} pairs perfectly with {pastry}.",
  "Meet our {origin}: washed process, grown at 1,900 masl. Expect {notes}.",
  "We partnered with @harbor.roastworks for a limited collab blend. On the shelf now!",
  "Weekend hours: 8am–4pm. Come say hi and grab a bag of {origin} for home brewing.",
  "Pour-over tip: bloom for 45 seconds with twice the coffee's weight in water. Try it with our {origin}!",
  "Sunlight, plants and a {drink}. That's the whole post. 🌿",
  "Our roaster Jo just hit 10 years with us! Thank you for every perfect roast curve ❤️",
  "Cold brew season is here. 18 hours steeped, served over big clear ice.",
  "Wholesale partners: new price lists are out. DM us or email hello@sandbox-coffee.example",
  "Reel: how we steam oat milk for silky microfoam in 20 seconds 🎥",
  "Thank you @moss.and.crema for featuring our {origin} on your guest grinder this month!",
];
export const HASHTAGS = [
  "#coffee", "#specialtycoffee", "#latteart", "#espresso", "#pourover", "#coffeeroasters", "#baristalife",
  "#coldbrew", "#coffeetime", "#flatwhite", "#sandboxcoffee", "#portlandcoffee", "#thirdwavecoffee",
  "#coffeelover", "#singleorigin",
];
export const COMMENTERS = [
  "mara.brews", "jonas_kaffee", "lena.pourover", "theo.eats.pdx", "caffeine.kate", "milkwood.dairy",
  "sourdough.sam", "rosie_reads_and_sips", "dan.the.barista", "ana.caffe", "pdx.weekends", "tamsin_travels",
  "beanhunter88", "oliver.grinds", "coffee.with.kai", "sunny.side.cafe", "nora_latte", "felix.roasts",
];
export const COMMENT_TEXTS = [
  "This looks amazing! ☕", "What grinder do you use?", "Best flat white in town, hands down.",
  "Is the oat milk house-made?", "Saving this for the weekend 😍", "Those notes sound incredible",
  "Do you ship beans to Seattle?", "We need to go here!!", "The latte art is unreal 🔥", "What time do you open on Sundays?",
  "Love this place ❤️", "Is this roast available in decaf?", "Had this yesterday, so good", "Recipe please 🙏",
  "Can't wait to try it", "The cardamom buns are dangerous 😅", "Any vegan pastries this week?",
];
export const OWNER_REPLIES = [
  "Thank you so much! See you soon ☕", "Yes! Every Saturday morning.", "We do — check the link in our bio.",
  "It's a Mahlkönig EK43 🙌", "Glad you enjoyed it!", "Open 8am on Sundays!", "Decaf is coming next week 👀",
];
export const DISCOVERY_ACCOUNTS = [
  {
    username: "harbor.roastworks", name: "Harbor Roastworks", followers: 48210, follows: 611, media: 80,
    biography: "Roasting by the water since 2011 ⚓ Wholesale & subscriptions", website: "https://harbor-roastworks.example/",
    hue: 200,
  },
  {
    username: "moss.and.crema", name: "Moss & Crema Café", followers: 12873, follows: 402, media: 45,
    biography: "Neighbourhood café · plants · pastries · guest roasters monthly", website: "https://moss-and-crema.example/",
    hue: 110,
  },
];
export const PRIVATE_ACCOUNTS = ["private.beans"];
export const HASHTAG_NAMES = [
  "coffee", "specialtycoffee", "latteart", "espresso", "pourover", "coffeeroasters", "baristalife", "coldbrew",
  "coffeetime", "flatwhite", "sandboxcoffee",
];

/** Fill a caption template. */
export function makeCaption(rng) {
  const tpl = rng.pick(CAPTION_TEMPLATES);
  const [o1, o2] = rng.sample(ORIGINS, 2);
  let text = tpl
    .replace("{origin}", o1)
    .replace("{origin2}", o2)
    .replace("{origin}", o2)
    .replace("{drink}", rng.pick(DRINKS))
    .replace("{pastry}", rng.pick(PASTRIES))
    .replace("{notes}", rng.pick(NOTES));
  const tags = rng.sample(HASHTAGS, rng.int(2, 6));
  text += "\n\n" + tags.join(" ");
  return text;
}
