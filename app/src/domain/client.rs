//! Who is asking: the client's address as login throttling and the audit
//! log see it.
//!
//! Behind a reverse proxy every request comes from the proxy, so the real
//! client is read from `X-Forwarded-For` or `Forwarded`, but only when the
//! peer is a proxy the operator named (`--trusted-proxy`): anyone else could
//! write those headers to pose as a fresh address for every guess. The
//! headers are read right to left, skipping trusted proxies; the first other
//! address is the client. IPv6 clients are counted by their /64, the block
//! one subscriber usually holds whole.

use std::net::{IpAddr, Ipv6Addr};

/// The client of a request from `peer` with these forwarding headers.
pub fn client_ip(
    peer: IpAddr,
    trusted: &[IpAddr],
    x_forwarded_for: &[&str],
    forwarded: &[&str],
) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|t| canonical(*t) == *ip);
    let peer = canonical(peer);
    if !is_trusted(&peer) {
        return peer;
    }
    // Headers may repeat; their values are read as one list, in order.
    let hops: Vec<IpAddr> = if !forwarded.is_empty() {
        forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .filter_map(forwarded_for)
            .collect()
    } else {
        x_forwarded_for
            .iter()
            .flat_map(|v| v.split(','))
            .filter_map(|h| parse_ip(h.trim()))
            .collect()
    };
    hops.into_iter()
        .map(canonical)
        .rev()
        .find(|ip| !is_trusted(ip))
        // Every hop a trusted proxy (or no header): the nearest of them.
        .unwrap_or(peer)
}

/// The key logins are counted under: the address, or its /64 for IPv6.
pub fn throttle_key(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            let net = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
            format!("{net}/64")
        }
    }
}

/// IPv4 written as IPv6 (`::ffff:1.2.3.4`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// An address as proxies write it: bare, `[v6]`, `v4:port` or `[v6]:port`.
fn parse_ip(s: &str) -> Option<IpAddr> {
    let s = s.trim().trim_matches('"');
    if let Ok(ip) = s.parse() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    let (host, port) = s.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

/// The `for=` of one `Forwarded` element (`for=1.2.3.4;proto=https`).
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        k.trim().eq_ignore_ascii_case("for").then(|| parse_ip(v))?
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn headers_count_only_from_trusted_proxies() {
        let proxy = ip("10.0.0.1");
        // Not a trusted peer: the header is the client's own word, ignored.
        assert_eq!(
            client_ip(ip("203.0.113.9"), &[proxy], &["1.1.1.1"], &[]),
            ip("203.0.113.9")
        );
        // Through the proxy: the last address it did not add itself.
        assert_eq!(
            client_ip(proxy, &[proxy], &["6.6.6.6, 198.51.100.7"], &[]),
            ip("198.51.100.7"),
            "a forged first entry is not believed"
        );
        assert_eq!(
            client_ip(
                proxy,
                &[proxy, ip("10.0.0.2")],
                &["198.51.100.7", "10.0.0.2"],
                &[]
            ),
            ip("198.51.100.7")
        );
        assert_eq!(client_ip(proxy, &[proxy], &[], &[]), proxy);
        assert_eq!(
            client_ip(proxy, &[proxy], &["garbage"], &[]),
            proxy,
            "nothing usable: the proxy itself"
        );
    }

    #[test]
    fn forwarded_header_is_read_like_x_forwarded_for() {
        let proxy = ip("10.0.0.1");
        assert_eq!(
            client_ip(
                proxy,
                &[proxy],
                &["9.9.9.9"],
                &["for=6.6.6.6, for=\"[2001:db8::1]:4711\";proto=https"]
            ),
            ip("2001:db8::1")
        );
        assert_eq!(
            client_ip(proxy, &[proxy], &[], &["for=192.0.2.60:8080;by=10.0.0.1"]),
            ip("192.0.2.60")
        );
    }

    #[test]
    fn ipv6_is_counted_by_its_64() {
        assert_eq!(
            throttle_key(ip("2001:db8:1:2:aaaa::1")),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            throttle_key(ip("2001:db8:1:2:ffff::9")),
            throttle_key(ip("2001:db8:1:2::1"))
        );
        assert_eq!(throttle_key(ip("::ffff:192.0.2.1")), "192.0.2.1");
        assert_eq!(throttle_key(ip("192.0.2.1")), "192.0.2.1");
    }
}
