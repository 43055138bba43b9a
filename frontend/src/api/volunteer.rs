//! Volunteer links (filled in below once the API is there).
