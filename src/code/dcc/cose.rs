//! `COSE_Sign1` (RFC 9052) as the EU DCC uses it: an array of the protected
//! header (a CBOR map in a byte string), the unprotected header (a map),
//! the payload (the CWT) and the signature, tagged 18, tagged 61 around
//! tag 18 (the CWT tag), or untagged.

use ciborium::Value;

/// Why the bytes are not a `COSE_Sign1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CoseError {
    #[error("not CBOR")]
    Cbor,
    #[error("not a COSE_Sign1 (an array of 4 under tag 18)")]
    Shape,
    #[error("a header is not a map")]
    Header,
}

/// The parts of a `COSE_Sign1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sign1 {
    /// The protected header's bytes, as signed.
    pub protected: Vec<u8>,
    pub payload: Vec<u8>,
    pub signature: Vec<u8>,
    /// The algorithm (label 1): from the protected header when it is
    /// there, else from the unprotected one.
    pub alg: Option<i64>,
    /// The key id (label 4): from the protected header when it is there,
    /// else from the unprotected one.
    pub kid: Option<Vec<u8>>,
}

/// COSE header labels.
const ALG: i128 = 1;
const KID: i128 = 4;

/// How deep CBOR may nest anywhere in a DCC (the certificate itself is 4
/// deep); deeper is refused before it costs anything.
pub const MAX_NESTING: usize = 16;

/// CBOR bytes into a value, refusing nesting past [`MAX_NESTING`] and
/// bytes left over after the value.
pub fn cbor(bytes: &[u8]) -> Result<Value, CoseError> {
    let mut reader = bytes;
    let value: Value = ciborium::de::from_reader_with_recursion_limit(&mut reader, MAX_NESTING)
        .map_err(|_| CoseError::Cbor)?;
    if reader.is_empty() {
        Ok(value)
    } else {
        Err(CoseError::Cbor)
    }
}

fn int(v: &Value) -> Option<i128> {
    match v {
        Value::Integer(i) => Some(i128::from(*i)),
        _ => None,
    }
}

fn header_map(v: &Value) -> Result<&[(Value, Value)], CoseError> {
    match v {
        Value::Map(m) => Ok(m),
        _ => Err(CoseError::Header),
    }
}

fn label(map: &[(Value, Value)], label: i128) -> Option<&Value> {
    map.iter()
        .find(|(k, _)| int(k) == Some(label))
        .map(|(_, v)| v)
}

/// Parses a `COSE_Sign1`.
pub fn parse(bytes: &[u8]) -> Result<Sign1, CoseError> {
    let mut value = cbor(bytes)?;
    // Tag 61 (CWT) may wrap tag 18 (`COSE_Sign1`); both are optional.
    if let Value::Tag(61, inner) = value {
        value = *inner;
    }
    if let Value::Tag(18, inner) = value {
        value = *inner;
    }
    let Value::Array(parts) = value else {
        return Err(CoseError::Shape);
    };
    let [protected, unprotected, payload, signature] =
        <[Value; 4]>::try_from(parts).map_err(|_| CoseError::Shape)?;
    let (Value::Bytes(protected), Value::Bytes(payload), Value::Bytes(signature)) =
        (protected, payload, signature)
    else {
        return Err(CoseError::Shape);
    };
    // An empty protected header is the empty byte string.
    let protected_map = if protected.is_empty() {
        Vec::new()
    } else {
        match cbor(&protected)? {
            Value::Map(m) => m,
            _ => return Err(CoseError::Header),
        }
    };
    let unprotected = header_map(&unprotected)?;
    // The algorithm belongs in the protected header; some issuers put it
    // in the unprotected one (the signature still decides).
    let alg = label(&protected_map, ALG)
        .or_else(|| label(unprotected, ALG))
        .and_then(int)
        .and_then(|a| i64::try_from(a).ok());
    let kid_of = |v: &Value| match v {
        Value::Bytes(b) => Some(b.clone()),
        _ => None,
    };
    let kid = label(&protected_map, KID)
        .and_then(kid_of)
        .or_else(|| label(unprotected, KID).and_then(kid_of));
    Ok(Sign1 {
        protected,
        payload,
        signature,
        alg,
        kid,
    })
}

impl Sign1 {
    /// The bytes the signature covers: `Sig_structure` =
    /// `["Signature1", protected, h'', payload]`.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let structure = Value::Array(vec![
            Value::Text("Signature1".into()),
            Value::Bytes(self.protected.clone()),
            Value::Bytes(Vec::new()),
            Value::Bytes(self.payload.clone()),
        ]);
        let mut out = Vec::with_capacity(self.payload.len() + self.protected.len() + 32);
        // Writing to a Vec cannot fail.
        let _ = ciborium::ser::into_writer(&structure, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(v: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        ciborium::ser::into_writer(v, &mut out).unwrap_or_else(|e| panic!("{e}"));
        out
    }

    fn sign1(protected: &[(Value, Value)], unprotected: Vec<(Value, Value)>) -> Value {
        Value::Array(vec![
            Value::Bytes(encode(&Value::Map(protected.to_vec()))),
            Value::Map(unprotected),
            Value::Bytes(vec![0xa0]),
            Value::Bytes(vec![1; 64]),
        ])
    }

    #[test]
    fn tagged_double_tagged_and_untagged_all_read() {
        let p = [
            (Value::Integer(1.into()), Value::Integer((-7).into())),
            (Value::Integer(4.into()), Value::Bytes(vec![9; 8])),
        ];
        let bare = sign1(&p, vec![]);
        let once = Value::Tag(18, Box::new(bare.clone()));
        let twice = Value::Tag(61, Box::new(once.clone()));
        for v in [bare, once, twice] {
            let s = parse(&encode(&v)).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(s.alg, Some(-7));
            assert_eq!(s.kid.as_deref(), Some(&[9u8; 8][..]));
        }
    }

    #[test]
    fn the_protected_kid_wins_over_the_unprotected_one() {
        let p = [(Value::Integer(4.into()), Value::Bytes(vec![1; 8]))];
        let u = vec![(Value::Integer(4.into()), Value::Bytes(vec![2; 8]))];
        let s = parse(&encode(&sign1(&p, u.clone()))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.kid, Some(vec![1; 8]));
        let s = parse(&encode(&sign1(&[], u))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.kid, Some(vec![2; 8]));
    }

    #[test]
    fn wrong_shapes_and_deep_nesting_are_refused() {
        assert_eq!(parse(&[]), Err(CoseError::Cbor));
        assert_eq!(parse(&encode(&Value::Array(vec![]))), Err(CoseError::Shape));
        assert_eq!(
            parse(&encode(&Value::Tag(18, Box::new(Value::Null)))),
            Err(CoseError::Shape)
        );
        // Arrays of one, 100,000 deep.
        let mut deep = vec![0x81u8; 100_000];
        deep.push(0xf6);
        assert_eq!(parse(&deep), Err(CoseError::Cbor));
        // Bytes after the value.
        let mut extra = encode(&sign1(&[], vec![]));
        extra.push(0);
        assert_eq!(parse(&extra), Err(CoseError::Cbor));
    }
}
