//! What every staff and volunteer screen does when the server answers 401 (the sign-in, or the
//! volunteer's link, ended while the page was open): it stops and the app shows sign-in (or
//! the dead link) instead.

use crate::api::ApiError;

/// Whatever a screen's requests are made under: the staff sign-in or a volunteer's link.
pub trait EndsOnUnauthorized: Copy {
    /// The server answered 401: back to sign-in (or the dead link).
    fn ended(self);

    /// The answer for the screen to act on, or `None` once a 401 has ended the sign-in.
    fn unless_ended<T>(self, answer: Result<T, ApiError>) -> Option<Result<T, ApiError>> {
        match answer {
            Err(failure) if failure.is_unauthorized() => {
                self.ended();
                None
            }
            answer => Some(answer),
        }
    }
}
