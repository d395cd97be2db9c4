//! Base45 (RFC 9285): bytes as text in the QR alphanumeric alphabet.

const ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Encodes bytes as base45 text.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(2) * 3);
    let mut push = |mut value: usize, digits: usize| {
        for _ in 0..digits {
            out.push(ALPHABET.get(value % 45).map_or('0', |&b| char::from(b)));
            value /= 45;
        }
    };
    for pair in bytes.chunks(2) {
        match *pair {
            [a, b] => push(usize::from(a) * 256 + usize::from(b), 3),
            [a] => push(usize::from(a), 2),
            _ => {}
        }
    }
    out
}

fn digit(c: u8) -> Option<u32> {
    ALPHABET
        .iter()
        .position(|&a| a == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// Decodes base45 text; `None` when a character is outside the alphabet,
/// the length is impossible, or a group is out of range.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    if text.len() % 3 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 3 * 2 + 1);
    for group in text.chunks(3) {
        let mut value = 0u32;
        for &c in group.iter().rev() {
            value = value * 45 + digit(c)?;
        }
        if group.len() == 3 {
            let value = u16::try_from(value).ok()?;
            out.extend_from_slice(&value.to_be_bytes());
        } else {
            out.push(u8::try_from(value).ok()?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_9285_examples() {
        assert_eq!(encode(b"AB"), "BB8");
        assert_eq!(encode(b"Hello!!"), "%69 VD92EX0");
        assert_eq!(encode(b"base-45"), "UJCLQE7W581");
        assert_eq!(decode("QED8WEX0").as_deref(), Some(&b"ietf!"[..]));
        assert_eq!(decode("GGW"), None, "65536 is out of range");
        assert_eq!(decode("ZZZ"), None);
        assert_eq!(decode("A"), None);
        assert_eq!(decode("aBC"), None);
    }

    #[test]
    fn round_trip_all_lengths() {
        let bytes: Vec<u8> = (0..=255).collect();
        for n in 0..bytes.len() {
            assert_eq!(decode(&encode(&bytes[..n])).as_deref(), Some(&bytes[..n]));
        }
    }
}
