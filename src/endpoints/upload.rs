//! Resumable video upload to `https://rupload.facebook.com/ig-api-upload/{version}/{container-id}`
//! (Facebook Login only), for a container created with `upload_type=resumable`.
//! Reference: instagram-platform/content-publishing, "Resumable upload" (graph-api.md §2.6).
//!
//! `POST` with `Authorization: OAuth {token}`, `offset` and `file_size` headers and the bytes as
//! the body; `GET` on the same URL tells how many bytes arrived, so an interrupted upload
//! resumes from the server's offset. Or, for a video already online, `POST` with a `file_url`
//! header and no body: the host fetches the file itself. Failures come as
//! `{"debug_info":{"retriable":false,"type":"ProcessingFailedError","message":"…"}}`.

use crate::json::Value;

use super::node_id;
use crate::config::Config;
use crate::error::{graph_error, response_error, Error, ErrorKind, GraphApiError};
use crate::http::{HttpRequest, Method};
use crate::redact::Redactor;

/// The upload URL of a container.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad container id.
pub fn upload_url(config: &Config, container_id: &str) -> Result<String, Error> {
    Ok(format!("{}/ig-api-upload/{}/{}", config.upload_base_url, config.api_version, node_id("containerId", container_id)?))
}

fn auth(config: &Config) -> (String, String) {
    ("authorization".to_owned(), format!("OAuth {}", config.access_token().expose()))
}

/// `POST` of the bytes `offset..offset+len` of a `file_size`-byte file (the body is attached by
/// the transport: it never passes through Rust).
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad container id.
pub fn chunk_request(config: &Config, container_id: &str, offset: u64, file_size: u64) -> Result<HttpRequest, Error> {
    Ok(HttpRequest {
        method: Method::Post,
        url: upload_url(config, container_id)?,
        headers: vec![auth(config), ("offset".to_owned(), offset.to_string()), ("file_size".to_owned(), file_size.to_string())],
        body: None,
    })
}

/// `POST` with a `file_url` header and no body: "upload from a hosted file" (the host fetches it).
///
/// NB: content-publishing/resumable-uploads: `-H "file_url: https://example_hosted_video.com"`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad container id, or a `fileUrl` that is not an absolute
/// http(s) URL without spaces or control characters (it travels in a header).
pub fn hosted_request(config: &Config, container_id: &str, file_url: &str) -> Result<HttpRequest, Error> {
    let url = upload_url(config, container_id)?;
    let host = ["https://", "http://"]
        .iter()
        .find(|p| file_url.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p)))
        .and_then(|p| file_url.get(p.len()..));
    let host_ok = host.is_some_and(|h| !h.is_empty() && !h.starts_with('/'));
    if !host_ok || file_url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid("data.fileUrl", "must be the absolute http(s) URL of a video Meta can fetch, without spaces"));
    }
    Ok(HttpRequest { method: Method::Post, url, headers: vec![auth(config), ("file_url".to_owned(), file_url.to_owned())], body: None })
}

/// `GET` of the upload's state (how many bytes the server has).
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad container id.
pub fn status_request(config: &Config, container_id: &str) -> Result<HttpRequest, Error> {
    Ok(HttpRequest { method: Method::Get, url: upload_url(config, container_id)?, headers: vec![auth(config)], body: None })
}

/// The bytes the server holds, from the status response (`offset`, a number or a numeric
/// string), for a `file_size`-byte file.
///
/// # Errors
/// [`Error::Decode`] when there is no usable `offset`, or it is past the end of the file.
pub fn server_offset(body: &str, file_size: u64) -> Result<u64, Error> {
    let v = crate::json::parse(body).map_err(|_| crate::error::invalid_json(body))?;
    let offset = match v.get("offset") {
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| Error::decode("offset", "expected a whole number"))?,
        Some(Value::String(s)) => s.parse().map_err(|_| Error::decode("offset", "expected a whole number"))?,
        _ => return Err(Error::decode("offset", "missing")),
    };
    if offset > file_size {
        return Err(Error::decode(
            "offset",
            format!("the upload host holds {offset} bytes, more than the file's {file_size}: is this the right container?"),
        ));
    }
    Ok(offset)
}

/// An upload host failure as a [`GraphApiError`]: a Graph error body, or the host's own
/// `debug_info` shape (`retriable` makes it transient), even on HTTP 200.
pub fn upload_error(status: u16, body: &str, redactor: &Redactor) -> Option<Error> {
    let Ok(v) = crate::json::parse(body) else {
        // A proxy's HTML page or an empty 5xx is a failure like any other (a 5xx is retried);
        // a 2xx that is not JSON cannot say the bytes arrived.
        return Some(if (200..300).contains(&status) {
            crate::error::invalid_json(body)
        } else {
            Error::Graph(Box::new(graph_error(status, body, None, redactor)))
        });
    };
    if let Some(info) = v.get("debug_info") {
        let message = info.get("message").and_then(Value::as_str).unwrap_or("upload failed");
        let retriable = info.get("retriable").and_then(Value::as_bool);
        let mut body = v.clone();
        redactor.redact_json(&mut body);
        return Some(Error::Graph(Box::new(GraphApiError {
            status,
            message: redactor.redact(&format!("upload failed: {message}")),
            error_type: info.get("type").and_then(Value::as_str).map(str::to_owned),
            code: None,
            subcode: None,
            user_title: None,
            user_message: None,
            fbtrace_id: None,
            is_transient: retriable,
            retry_after_ms: None,
            body: Some(body),
            kind: if retriable == Some(true) { ErrorKind::Transient } else { ErrorKind::Other },
            needs: None,
            hint: None,
        })));
    }
    response_error(status, body, None, redactor).map(|e| Error::Graph(Box::new(e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::config;

    #[test]
    fn requests() {
        let c = config();
        let r = chunk_request(&c, "17889615691921648", 1_048_576, 5_000_000).unwrap();
        assert_eq!(r.url, "https://rupload.facebook.com/ig-api-upload/v27.0/17889615691921648");
        assert_eq!(r.method, Method::Post);
        assert_eq!(
            r.headers,
            vec![
                ("authorization".to_owned(), "OAuth TOKEN".to_owned()),
                ("offset".to_owned(), "1048576".to_owned()),
                ("file_size".to_owned(), "5000000".to_owned())
            ]
        );
        assert!(!format!("{r:?}").contains("TOKEN"), "Debug of a request redacts the OAuth header");
        let h = hosted_request(&c, "17889615691921648", "https://cdn.example.com/reel.mp4?sig=a%2Fb").unwrap();
        assert_eq!((h.method, h.url.as_str(), h.body.as_deref()), (Method::Post, r.url.as_str(), None));
        assert_eq!(
            h.headers,
            vec![
                ("authorization".to_owned(), "OAuth TOKEN".to_owned()),
                ("file_url".to_owned(), "https://cdn.example.com/reel.mp4?sig=a%2Fb".to_owned())
            ]
        );
        for bad in ["", "cdn.example.com/a.mp4", "ftp://x/a.mp4", "https://", "https://x/a b.mp4", "https://x/a\r\nx-evil: 1", "/local.mp4"]
        {
            assert!(
                matches!(hosted_request(&c, "1", bad), Err(Error::InvalidArgument { ref name, .. }) if name == "data.fileUrl"),
                "{bad:?}"
            );
        }
        assert!(hosted_request(&c, "1", "HTTPS://cdn.example.com/a.mp4").is_ok());
        let s = status_request(&c, "17889615691921648").unwrap();
        assert_eq!((s.method, s.body), (Method::Get, None));
        assert!(chunk_request(&c, "../x", 0, 1).is_err());
    }

    #[test]
    fn responses() {
        assert_eq!(server_offset(r#"{"id":"1","offset":4096,"file_size":9000}"#, 9000), Ok(4096));
        assert_eq!(server_offset(r#"{"offset":"12"}"#, 12), Ok(12));
        assert!(server_offset(r#"{"id":"1"}"#, 9).is_err());
        assert!(matches!(server_offset(r#"{"offset":13}"#, 12), Err(Error::Decode { .. })));
        let r = Redactor::new(["TOKEN"]);
        assert_eq!(upload_error(200, r#"{"success":true,"message":"Upload successful."}"#, &r), None);
        let e = upload_error(
            400,
            r#"{"debug_info":{"retriable":false,"type":"ProcessingFailedError","message":"{\"success\":false,\"error\":{\"message\":\"unauthorized user request\"}}"}}"#,
            &r,
        )
        .unwrap();
        let g = e.as_graph().unwrap();
        assert_eq!(g.error_type.as_deref(), Some("ProcessingFailedError"));
        assert!(g.message.starts_with("upload failed: "));
        assert_eq!(g.kind, ErrorKind::Other);
        let e = upload_error(200, r#"{"debug_info":{"retriable":true,"message":"try again"}}"#, &r).unwrap();
        assert_eq!(e.as_graph().unwrap().kind, ErrorKind::Transient);
        let e = upload_error(500, r#"{"error":{"message":"x","code":2}}"#, &r).unwrap();
        assert_eq!(e.as_graph().unwrap().code, Some(2));
        // a proxy's HTML page and an empty 5xx are transient failures, not bytes sent
        for (status, body) in [(502, "<html><body>Bad Gateway</body></html>"), (500, "")] {
            let e = upload_error(status, body, &r).unwrap();
            assert_eq!(e.as_graph().unwrap().kind, ErrorKind::Transient, "{status}");
        }
        assert!(matches!(upload_error(200, "<html>", &r), Some(Error::Decode { .. })));
    }
}
