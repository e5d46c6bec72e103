//! Place profiles (in progress).
