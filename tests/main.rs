//! The one integration-test binary; each module tests one capability.

mod it;
