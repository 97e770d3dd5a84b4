//! Any serde value as bytes for a [`Fingerprint`](super::manifest::Fingerprint): every value
//! tagged with its kind, every string and sequence with its length, so two different values
//! never give the same bytes (`Some("1")` and `1`, `["a", "b"]` and `["ab"]` differ). Strings are
//! copied as they are: JSON spent most of a page key's time looking for characters to escape.

use serde::ser::{self, Serialize};
use std::fmt;

/// Appends the encoding of `value` to `out`.
pub fn encode<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    // Nothing in this encoder fails; a `Serialize` impl of the value's own may, and then the
    // error's text stands in for the rest of the value.
    if let Err(e) = value.serialize(&mut Encoder(out)) {
        let e = e.0;
        out.push(b'!');
        Encoder(out).len(e.len());
        out.extend_from_slice(e.as_bytes());
    }
}

struct Encoder<'a>(&'a mut Vec<u8>);

/// An error a value's own `Serialize` reported.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl Encoder<'_> {
    fn tag(&mut self, t: u8) -> &mut Self {
        self.0.push(t);
        self
    }

    fn len(&mut self, n: usize) -> &mut Self {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
        self
    }

    fn bytes(&mut self, t: u8, b: &[u8]) -> Result<(), Error> {
        self.tag(t).len(b.len()).0.extend_from_slice(b);
        Ok(())
    }

    fn num(&mut self, t: u8, b: &[u8]) -> Result<(), Error> {
        self.tag(t).0.extend_from_slice(b);
        Ok(())
    }

    /// A sequence, map or struct: its length when known, and an end mark in any case.
    fn open(&mut self, t: u8, n: Option<usize>) -> &mut Self {
        let n = n.map_or(u64::MAX, |n| n as u64);
        self.tag(t).0.extend_from_slice(&n.to_le_bytes());
        self
    }

    fn variant(&mut self, t: u8, index: u32, name: &str) -> &mut Self {
        self.tag(t).0.extend_from_slice(&index.to_le_bytes());
        self.len(name.len()).0.extend_from_slice(name.as_bytes());
        self
    }
}

/// Narrow numbers as their widest kind: `1u8` and `1u64` are one value to a key.
macro_rules! widen {
    ($($method:ident($t:ty) => $wide:ident),*) => {$(
        fn $method(self, v: $t) -> Result<(), Error> {
            self.$wide(v.into())
        }
    )*};
}

impl<'a, 'b> ser::Serializer for &'a mut Encoder<'b> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.num(b'b', &[u8::from(v)])
    }
    widen!(
        serialize_i8(i8) => serialize_i64,
        serialize_i16(i16) => serialize_i64,
        serialize_i32(i32) => serialize_i64,
        serialize_u8(u8) => serialize_u64,
        serialize_u16(u16) => serialize_u64,
        serialize_u32(u32) => serialize_u64,
        serialize_f32(f32) => serialize_f64
    );
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.num(b'i', &v.to_le_bytes())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.num(b'I', &v.to_le_bytes())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.num(b'u', &v.to_le_bytes())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.num(b'U', &v.to_le_bytes())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.num(b'f', &v.to_bits().to_le_bytes())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.num(b'c', &u32::from(v).to_le_bytes())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.bytes(b's', v.as_bytes())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.bytes(b'B', v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.tag(b'n');
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.tag(b'S');
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.tag(b'0');
        Ok(())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.bytes(b'1', name.as_bytes())
    }
    fn serialize_unit_variant(self, _: &'static str, i: u32, v: &'static str) -> Result<(), Error> {
        self.variant(b'v', i, v);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.tag(b'N');
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        i: u32,
        v: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(b'V', i, v);
        value.serialize(self)
    }
    fn serialize_seq(self, n: Option<usize>) -> Result<Self, Error> {
        self.open(b'[', n);
        Ok(self)
    }
    fn serialize_tuple(self, n: usize) -> Result<Self, Error> {
        self.open(b'(', Some(n));
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, n: usize) -> Result<Self, Error> {
        self.open(b'(', Some(n));
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        i: u32,
        v: &'static str,
        n: usize,
    ) -> Result<Self, Error> {
        self.variant(b'T', i, v).open(b'(', Some(n));
        Ok(self)
    }
    fn serialize_map(self, n: Option<usize>) -> Result<Self, Error> {
        self.open(b'{', n);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, n: usize) -> Result<Self, Error> {
        self.open(b'<', Some(n));
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        i: u32,
        v: &'static str,
        n: usize,
    ) -> Result<Self, Error> {
        self.variant(b'W', i, v).open(b'<', Some(n));
        Ok(self)
    }
}

/// Every compound value ends with a mark, so a value's end never depends on a length that a
/// skipped field or an unknown-length sequence left untold.
macro_rules! compound {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Encoder<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.tag(b',');
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                self.tag(b'.');
                Ok(())
            }
        }
    )*};
}

compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Encoder<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.tag(b':');
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.tag(b'=');
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.tag(b'.');
        Ok(())
    }
}

macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut Encoder<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.bytes(b':', key.as_bytes())?;
                value.serialize(&mut **self)
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
                self.bytes(b'-', key.as_bytes())
            }
            fn end(self) -> Result<(), Error> {
                self.tag(b'.');
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::encode;
    use serde_json::json;

    fn enc<T: serde::Serialize>(v: &T) -> Vec<u8> {
        let mut out = Vec::new();
        encode(v, &mut out);
        out
    }

    #[test]
    fn values_that_differ_encode_apart() {
        let pairs = [
            (json!(["a", "b"]), json!(["ab"])),
            (json!({"a": "b"}), json!({"ab": ""})),
            (json!("1"), json!(1)),
            (json!([["a"], "b"]), json!([["a", "b"]])),
            (json!(null), json!([])),
            (json!({"k": [1, 2]}), json!({"k": [1], "l": 2})),
        ];
        for (a, b) in pairs {
            assert_ne!(enc(&a), enc(&b), "{a} and {b}");
        }
        assert_ne!(enc(&Some("x")), enc(&"x"));
        assert_ne!(enc(&(1u32, "a")), enc(&(1u64, "a", ())));
    }

    #[test]
    fn equal_values_encode_the_same() {
        let v = json!({"title": "Use X", "tags": ["a", "b"], "n": 3, "f": 1.5, "none": null});
        assert_eq!(enc(&v), enc(&v.clone()));
    }
}
