//! The option bags of the JS surface, each declared once: the keys the skin accepts (an
//! unknown key is a `TypeError` naming the known ones: `wasm/convert.rs` `Bag`) and, off wasm32,
//! the TypeScript interface with each key's type and doc ([`typescript`]). A bag may extend
//! another (its keys come first); a bag split by `login` is a union of its Facebook Login and
//! Instagram Login shapes (a key marked `@facebook` or `@instagram` belongs to that one only).
//!
//! The statics carry the TypeScript names (`RequestOptions`), so the one name finds both the
//! run-time check and the declaration.
#![allow(non_upper_case_globals)]

use std::borrow::Cow;

/// The keys an options object may have.
#[derive(Debug)]
pub struct OptionBag {
    own: &'static [&'static str],
    extends: Option<&'static OptionBag>,
}

impl OptionBag {
    /// Every key the bag accepts: its parent's, then its own.
    pub fn keys(&self) -> Cow<'static, [&'static str]> {
        match self.extends {
            None => Cow::Borrowed(self.own),
            Some(parent) => Cow::Owned(parent.keys().iter().chain(self.own).copied().collect()),
        }
    }
}

/// A bag's TypeScript: its interface, which flavour each member belongs to, and for a bag
/// split by `login`, the Instagram Login shape's `login` member (`login` or `login?`).
#[cfg(not(target_arch = "wasm32"))]
struct Spec {
    interface: crate::typescript::Interface,
    only: &'static [Option<&'static str>],
    split: Option<&'static str>,
}

macro_rules! option_bags {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $(: $parent:ident)? $(| $split:literal)? {
            $( $(#[doc = $mdoc:literal])* $key:ident $(@ $only:ident)? : $ts:literal ),* $(,)?
        }
    )*) => {
        $(
            $(#[doc = $doc])*
            pub static $name: OptionBag = OptionBag { own: &[$(stringify!($key)),*], extends: option_bags!(@parent $($parent)?) };
        )*

        #[cfg(not(target_arch = "wasm32"))]
        const SPECS: &[Spec] = &[$(
            Spec {
                interface: crate::typescript::Interface {
                    doc: concat!($($doc),*),
                    name: stringify!($name),
                    extends: option_bags!(@name $($parent)?),
                    members: &[$( crate::typescript::Member { name: stringify!($key), ts: $ts, doc: concat!($($mdoc),*) } ),*],
                    open: false,
                },
                only: &[$( option_bags!(@name $($only)?) ),*],
                split: option_bags!(@split $($split)?),
            },
        )*];
    };
    (@parent) => { None };
    (@parent $p:ident) => { Some(&$p) };
    (@name) => { None };
    (@name $p:ident) => { Some(stringify!($p)) };
    (@split) => { None };
    (@split $s:literal) => { Some($s) };
}

option_bags! {
    /// The options of `new InstagramClient(options)`.
    ClientOptions {
        /// A Facebook User access token (`login: "facebook"`), or an Instagram User token (`login: "instagram"`).
        accessToken: "string",
        /// `"facebook"` by default (graph.facebook.com, the account reached through its Page). `"instagram"`:
        /// graph.instagram.com with an Instagram User token; the operations that flavour lacks (hashtags, business
        /// discovery, connected Pages, the resumable upload) throw a TypeError.
        login: "?LoginFlavour",
        /// Adds `appsecret_proof` to every request. Servers and edge functions only.
        appSecret: "?string",
        /// Allow `appSecret` in a browser page (anyone can read it there).
        allowAppSecretInBrowser: "?boolean",
        /// `"v27.0"` by default.
        apiVersion: "?`v${number}.${number}`",
        /// `"https://graph.facebook.com"` by default (`"https://graph.instagram.com"` with `login: "instagram"`).
        baseUrl: "?string",
        /// The fetch to use; the global one by default.
        fetch: "?(input: string, init?: RequestInit) => Promise<Response>",
        /// Per attempt, 30000 by default.
        timeoutMs: "?number",
        /// Retries of transient failures of GET requests, 2 by default.
        maxRetries: "?number",
        /// The longest single retry wait, 60000 by default; a longer wait Meta asks for throws at once.
        maxRetryWaitMs: "?number",
        /// `"https://rupload.facebook.com"` by default.
        uploadBaseUrl: "?string",
    }

    /// The last argument of every network method.
    RequestOptions {
        signal: "?AbortSignal",
        /// Per attempt; the client's `timeoutMs` by default.
        timeoutMs: "?number",
        /// The client's `maxRetries` by default.
        maxRetries: "?number",
    }

    /// With Facebook Login these options, with a Page token, are required; with Instagram Login the client's own
    /// token serves (`subscribeApp("me", fields)`).
    PageTokenOptions: RequestOptions {
        /// A Page access token (from `/me/accounts?fields=access_token`).
        pageAccessToken: "string",
    }

    /// `publish`'s options.
    PublishOptions: RequestOptions {
        onProgress: "?(progress: PublishProgress) => void",
        /// A fixed wait between status calls. By default the first comes after 1 s and the wait doubles to Meta's
        /// "once per minute" (1, 2, 4 … 60 s: at most 6 status calls in any minute).
        pollIntervalMs: "?number",
        /// 300000 by default.
        pollTimeoutMs: "?number",
    }

    /// `uploadVideo`'s options (with the video's bytes).
    UploadOptions: RequestOptions {
        onProgress: "?(progress: UploadProgress) => void",
        /// 8 MiB by default.
        chunkSize: "?number",
        /// Required for a ReadableStream.
        fileSize: "?number",
    }

    /// `uploadVideo(containerId, { fileUrl })`: a video online that the upload host fetches itself.
    HostedVideo {
        fileUrl: "string",
    }

    /// `client.diagnose`'s parameters.
    DiagnoseParams {
        /// The typed methods to check (a list or its `iter…` twin); all when omitted.
        methods: "?readonly TypedOperationName[]",
        /// With `appSecret` (Facebook Login): read the token through `/debug_token`. Servers only, as for
        /// `appSecret` everywhere.
        appId: "?string",
        appSecret: "?string",
        /// Instagram Login: the `permissions` of `oauth.exchangeCode`'s answer, to check them.
        scopes: "?readonly string[] | string",
        allowAppSecretInBrowser: "?boolean",
    }

    /// `webhooks.handle`'s options.
    WebhookHandlerOptions {
        /// Checks `X-Hub-Signature-256` of POSTs (with Instagram Login: the Instagram app's secret).
        appSecret: "string",
        /// Which flavour's app receives the deliveries (see `webhooks.parse`); `"facebook"` by default.
        login: "?LoginFlavour",
        /// Answers GET verification requests.
        verifyToken: "?string",
        /// Awaited before answering 200; a throw answers 500 so Meta redelivers.
        onEvents: "(delivery: WebhookDelivery) => void | Promise<void>",
        /// Told about a failed onEvents (default: console.error).
        onError: "?(error: unknown) => void",
        /// 1 MiB by default; larger deliveries answer 413.
        maxBodyBytes: "?number",
    }

    /// The login flavour of `webhooks.parse` and `oauth.requiredPermissions`.
    LoginOptions {
        /// `"facebook"` by default.
        login: "?LoginFlavour",
    }

    /// The `clientOptions` of the `oauth` functions.
    AppClientOptions: RequestOptions {
        /// The Graph host: graph.facebook.com, or graph.instagram.com for `login: "instagram"` calls.
        baseUrl: "?string",
        /// The Instagram Login code-exchange host, `"https://api.instagram.com"` by default.
        authBaseUrl: "?string",
        apiVersion: "?`v${number}.${number}`",
        fetch: "?(input: string, init?: RequestInit) => Promise<Response>",
        allowAppSecretInBrowser: "?boolean",
    }

    /// `oauth.loginUrl`'s options.
    LoginUrlOptions | "login" {
        login: "?LoginFlavour",
        appId: "string",
        redirectUri: "string",
        /// Required: checked when the user comes back (CSRF).
        state: "string",
        scopes: "?readonly string[]",
        configId @ facebook: "?string",
        apiVersion @ facebook: "?`v${number}.${number}`",
        responseType @ facebook: "?\"code\" | \"token\" | \"code token\" | \"granted_scopes\"",
    }

    /// `oauth.exchangeCode`'s parameters.
    ExchangeCodeParams {
        login: "?LoginFlavour",
        appId: "string",
        appSecret: "string",
        redirectUri: "string",
        code: "string",
    }

    /// `oauth.exchangeForLongLivedToken`'s parameters.
    LongLivedTokenParams | "login" {
        login: "?LoginFlavour",
        appId @ facebook: "string",
        appSecret: "string",
        accessToken: "string",
    }

    /// `oauth.refreshLongLivedToken`'s parameters (Instagram Login).
    RefreshTokenParams {
        accessToken: "string",
    }

    /// `oauth.debugToken`'s parameters.
    DebugTokenParams {
        inputToken: "string",
        appId: "string",
        appSecret: "string",
    }

    /// `oauth.inspectToken`'s parameters (a token starting with `IG` is an Instagram User token without `login`).
    InspectTokenParams | "login?" {
        login: "?LoginFlavour",
        accessToken: "string",
        appId @ facebook: "string",
        appSecret @ facebook: "string",
        /// The `permissions` of `oauth.exchangeCode`'s answer (no call can read them back).
        scopes @ instagram: "?readonly string[] | string",
    }
}

/// The TypeScript of every option bag.
#[cfg(not(target_arch = "wasm32"))]
pub fn typescript() -> String {
    use crate::typescript::doc;
    let mut out = String::new();
    for spec in SPECS {
        let i = &spec.interface;
        let Some(ig_login) = spec.split else {
            out.push_str(&i.to_ts());
            continue;
        };
        out.push_str(&format!("{}export type {} =\n", doc(i.doc, ""), i.name));
        for (flavour, login) in [("facebook", "login?"), ("instagram", ig_login)] {
            out.push_str(&format!("  | {{\n      {login}: {:?};\n", flavour));
            for (m, only) in i.members.iter().zip(spec.only) {
                if m.name != "login" && only.is_none_or(|o| o == flavour) {
                    out.push_str(&m.to_ts("      "));
                }
            }
            out.push_str("    }\n");
        }
        out.pop();
        out.push_str(";\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bag_takes_its_parents_keys_first() {
        assert_eq!(&*RequestOptions.keys(), &["signal", "timeoutMs", "maxRetries"]);
        assert!(matches!(RequestOptions.keys(), Cow::Borrowed(_)), "the per-call bag allocates nothing");
        assert_eq!(&*PageTokenOptions.keys(), &["signal", "timeoutMs", "maxRetries", "pageAccessToken"]);
        assert_eq!(PublishOptions.keys().len(), 6);
        assert!(ClientOptions.keys().contains(&"accessToken") && ClientOptions.keys().contains(&"login"));
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn every_bag_is_declared_once_with_distinct_keys() {
        let mut names: Vec<&str> = SPECS.iter().map(|s| s.interface.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), SPECS.len());
        for s in SPECS {
            let mut keys: Vec<&str> = s.interface.members.iter().map(|m| m.name).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), s.interface.members.len(), "{}: a key twice", s.interface.name);
            // A flavour's member only in a bag split by `login`, which has a `login` key.
            assert_eq!(s.split.is_some(), s.interface.members.iter().any(|m| m.name == "login") && s.only.iter().any(Option::is_some));
            assert!(s.only.iter().flatten().all(|o| ["facebook", "instagram"].contains(o)), "{}", s.interface.name);
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn a_split_bag_is_a_union_of_its_flavours() {
        let ts = typescript();
        let start = ts.find("export type LoginUrlOptions =").unwrap();
        let decl = &ts[start..start + ts[start..].find(";\n\n").unwrap()];
        let (facebook, instagram) = decl.split_once("  | {\n      login: \"instagram\"").unwrap();
        assert!(facebook.contains("login?: \"facebook\"") && facebook.contains("configId?: string"), "{decl}");
        assert!(instagram.contains("state: string") && !instagram.contains("configId"), "{decl}");
    }
}
