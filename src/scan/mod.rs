//! Frame sources and QR decoding.
