//! Places on the map: a reported point (what "use my location" gives, or what the reporter
//! typed), validated and kept in whole micro-degrees so that it compares exactly, and the
//! area a grid covers (a centre and a radius), with the one rule that says which grid a point
//! falls in.

use crate::fields::{FieldError, FieldProblem};
use serde::{Deserialize, Deserializer, Serialize};

/// Micro-degrees in one degree.
const MICRO: i64 = 1_000_000;

/// A point given by a reporter: latitude −90..90 and longitude −180..180, in whole
/// micro-degrees (about 0.1 m), so the stored value is exactly what was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct GeoPoint {
    lat_e6: i32,
    lon_e6: i32,
}

/// A point as it arrives in a request (`{"lat_e6": 38912345, "lon_e6": 121601234}` or
/// `{"lat": "38.912345", "lon": "121.601234"}`); [`GeoPoint::parse`] makes it a point.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawPoint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat_e6: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon_e6: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<String>,
}

/// Reads a decimal number of degrees (`-38.5`, `121.601234`) as micro-degrees: at most six
/// decimals, no exponent, no sign after the first character, nothing that is not finite.
pub fn parse_degrees(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (digits, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || whole.len() > 3
        || fraction.len() > 6
        || !all_digits(whole)
        || !all_digits(fraction)
        || (digits.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut micro: i64 = 0;
    for (i, b) in fraction.bytes().enumerate() {
        micro += i64::from(b - b'0') * 10_i64.pow(5 - i as u32);
    }
    let value = whole * MICRO + micro;
    Some(if negative { -value } else { value })
}

impl GeoPoint {
    /// A point from micro-degrees, if it lies on the globe.
    pub const fn from_micro(lat_e6: i64, lon_e6: i64) -> Option<GeoPoint> {
        let lat_ok = -90 * MICRO <= lat_e6 && lat_e6 <= 90 * MICRO;
        let lon_ok = -180 * MICRO <= lon_e6 && lon_e6 <= 180 * MICRO;
        if lat_ok && lon_ok {
            Some(GeoPoint {
                lat_e6: lat_e6 as i32,
                lon_e6: lon_e6 as i32,
            })
        } else {
            None
        }
    }

    /// A point from the browser's degrees (`GeolocationCoordinates`), rounded to the nearest
    /// micro-degree; `None` for a value that is not finite or off the globe.
    pub fn from_degrees(lat: f64, lon: f64) -> Option<GeoPoint> {
        if !lat.is_finite() || !lon.is_finite() || lat.abs() > 90.0 || lon.abs() > 180.0 {
            return None;
        }
        GeoPoint::from_micro(
            (lat * MICRO as f64).round() as i64,
            (lon * MICRO as f64).round() as i64,
        )
    }

    /// The point a request gives, or the field that is wrong (`location.lat`,
    /// `location.lon`). Micro-degrees win when both forms are sent.
    pub fn parse(raw: &RawPoint) -> Result<GeoPoint, FieldError> {
        let lat = raw
            .lat_e6
            .or_else(|| raw.lat.as_deref().and_then(parse_degrees))
            .filter(|v| (-90 * MICRO..=90 * MICRO).contains(v))
            .ok_or_else(|| FieldError::new("location.lat", FieldProblem::InvalidFormat))?;
        let lon = raw
            .lon_e6
            .or_else(|| raw.lon.as_deref().and_then(parse_degrees))
            .filter(|v| (-180 * MICRO..=180 * MICRO).contains(v))
            .ok_or_else(|| FieldError::new("location.lon", FieldProblem::InvalidFormat))?;
        GeoPoint::from_micro(lat, lon)
            .ok_or_else(|| FieldError::new("location.lat", FieldProblem::InvalidFormat))
    }

    pub fn lat_e6(self) -> i32 {
        self.lat_e6
    }

    pub fn lon_e6(self) -> i32 {
        self.lon_e6
    }

    /// Latitude as text with six decimals (`38.912345`), as a person reads and edits it.
    pub fn lat_text(self) -> String {
        micro_text(i64::from(self.lat_e6))
    }

    pub fn lon_text(self) -> String {
        micro_text(i64::from(self.lon_e6))
    }

    /// Distance to `other` in metres: the equirectangular approximation, within a fraction of
    /// a percent at a street's scale. Plain arithmetic (no trigonometry library), which keeps
    /// the web app that finds a reporter's grid small.
    pub fn metres_to(self, other: GeoPoint) -> f64 {
        const EARTH_RADIUS_M: f64 = 6_371_000.0;
        const RADIANS_PER_MICRO: f64 = core::f64::consts::PI / 180.0 / MICRO as f64;
        let mean_lat = (f64::from(self.lat_e6) + f64::from(other.lat_e6)) / 2.0 * RADIANS_PER_MICRO;
        let dx = f64::from(other.lon_e6 - self.lon_e6) * RADIANS_PER_MICRO * cos(mean_lat);
        let dy = f64::from(other.lat_e6 - self.lat_e6) * RADIANS_PER_MICRO;
        EARTH_RADIUS_M * (dx * dx + dy * dy).sqrt()
    }
}

/// The cosine of `x` in −π/2..π/2 by its Taylor series to the x¹⁴ term (error under 1e-9 there).
fn cos(x: f64) -> f64 {
    let x2 = x * x;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..=7 {
        let k = f64::from(2 * n);
        term *= -x2 / ((k - 1.0) * k);
        sum += term;
    }
    sum
}

fn micro_text(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let value = value.abs();
    format!("{sign}{}.{:06}", value / MICRO, value % MICRO)
}

/// Stored points are read back through the same checks as new ones.
impl<'de> Deserialize<'de> for GeoPoint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<GeoPoint, D::Error> {
        #[derive(Deserialize)]
        struct Stored {
            lat_e6: i64,
            lon_e6: i64,
        }
        let stored = Stored::deserialize(deserializer)?;
        GeoPoint::from_micro(stored.lat_e6, stored.lon_e6)
            .ok_or_else(|| serde::de::Error::custom("point off the globe"))
    }
}

/// The area a grid covers: a centre and a radius in metres. Grids of a community may overlap
/// or leave gaps; [`grid_at`] settles both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridArea {
    pub centre: GeoPoint,
    pub radius_m: u32,
}

impl GridArea {
    pub fn contains(&self, point: GeoPoint) -> bool {
        self.centre.metres_to(point) <= f64::from(self.radius_m)
    }
}

/// Which of `grids` (an id and its area, if it has one) a point falls in: the one whose area
/// holds it with the nearest centre, else the one whose edge is nearest; `None` when no grid
/// has an area. The caller passes the grids of the chosen community, or of every community.
pub fn grid_at<'a, I>(grids: I, point: GeoPoint) -> Option<&'a str>
where
    I: IntoIterator<Item = (&'a str, Option<&'a GridArea>)>,
{
    let mut best: Option<(&'a str, bool, f64)> = None;
    for (id, area) in grids {
        let Some(area) = area else { continue };
        let to_centre = area.centre.metres_to(point);
        let inside = to_centre <= f64::from(area.radius_m);
        // Inside: the nearest centre wins; outside: the nearest edge.
        let score = if inside {
            to_centre
        } else {
            to_centre - f64::from(area.radius_m)
        };
        let better = match best {
            None => true,
            Some((_, best_inside, best_score)) => {
                (inside && !best_inside) || (inside == best_inside && score < best_score)
            }
        };
        if better {
            best = Some((id, inside, score));
        }
    }
    best.map(|(id, _, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(lat: &str, lon: &str) -> GeoPoint {
        GeoPoint::parse(&RawPoint {
            lat: Some(lat.into()),
            lon: Some(lon.into()),
            ..RawPoint::default()
        })
        .unwrap()
    }

    #[test]
    fn decimal_degrees_read_exactly_as_micro_degrees() {
        assert_eq!(parse_degrees("38.912345"), Some(38_912_345));
        assert_eq!(parse_degrees("-0.5"), Some(-500_000));
        assert_eq!(parse_degrees("+121"), Some(121_000_000));
        assert_eq!(parse_degrees(".25"), Some(250_000));
        assert_eq!(parse_degrees(" 1.000001 "), Some(1_000_001));
    }

    #[test]
    fn surprising_decimals_are_refused() {
        for text in [
            "",
            "-",
            ".",
            "1.",
            "1e3",
            "NaN",
            "inf",
            "1.0000001",
            "--1",
            "1.-2",
            "0x10",
            "1,5",
            "1234",
            "١٢",
            "1 2",
        ] {
            assert_eq!(parse_degrees(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_point_off_the_globe_names_its_field() {
        let far_north = RawPoint {
            lat_e6: Some(90_000_001),
            lon_e6: Some(0),
            ..RawPoint::default()
        };
        assert_eq!(
            GeoPoint::parse(&far_north).unwrap_err().field,
            "location.lat"
        );
        let far_east = RawPoint {
            lat: Some("10".into()),
            lon: Some("180.000001".into()),
            ..RawPoint::default()
        };
        assert_eq!(
            GeoPoint::parse(&far_east).unwrap_err().field,
            "location.lon"
        );
        assert_eq!(
            GeoPoint::parse(&RawPoint::default()).unwrap_err().field,
            "location.lat"
        );
        assert!(GeoPoint::from_degrees(f64::NAN, 0.0).is_none());
        assert!(GeoPoint::from_degrees(0.0, f64::INFINITY).is_none());
        assert!(GeoPoint::from_micro(-90_000_000, 180_000_000).is_some());
    }

    #[test]
    fn a_point_reads_back_as_the_text_it_came_from() {
        let p = point("-38.012345", "121.6");
        assert_eq!(
            (p.lat_text(), p.lon_text()),
            ("-38.012345".into(), "121.600000".into())
        );
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"lat_e6":-38012345,"lon_e6":121600000}"#);
        assert_eq!(serde_json::from_str::<GeoPoint>(&json).unwrap(), p);
        assert!(serde_json::from_str::<GeoPoint>(r#"{"lat_e6":91000000,"lon_e6":0}"#).is_err());
        assert_eq!(
            GeoPoint::from_degrees(38.9123454, 121.0),
            Some(point("38.912345", "121"))
        );
    }

    #[test]
    fn the_series_cosine_is_the_cosine() {
        for i in -157..=157 {
            let x = f64::from(i) / 100.0;
            assert!((cos(x) - x.cos()).abs() < 1e-8, "{x}");
        }
    }

    #[test]
    fn distances_are_those_of_the_map() {
        // About 1.1 km east-west in Dalian, against the haversine formula.
        let here = point("38.95", "121.56");
        let east = point("38.95", "121.5727");
        let haversine = {
            let (p, l) = (38.95_f64.to_radians(), (0.0127_f64).to_radians());
            2.0 * 6_371_000.0 * (p.cos() * p.cos() * (l / 2.0).sin().powi(2)).sqrt().asin()
        };
        assert!(
            (here.metres_to(east) - haversine).abs() < 1.0,
            "{}",
            here.metres_to(east)
        );
        // One thousandth of a degree of latitude is about 111 m everywhere.
        let a = point("38.900", "121.600");
        let b = point("38.901", "121.600");
        assert!((a.metres_to(b) - 111.2).abs() < 0.5, "{}", a.metres_to(b));
        assert_eq!(a.metres_to(a), 0.0);
    }

    #[test]
    fn a_point_falls_in_the_grid_that_holds_it_else_the_nearest() {
        let west = GridArea {
            centre: point("38.900", "121.600"),
            radius_m: 300,
        };
        let east = GridArea {
            centre: point("38.900", "121.610"),
            radius_m: 300,
        };
        let grids = [("w", Some(&west)), ("none", None), ("e", Some(&east))];
        assert_eq!(grid_at(grids, point("38.9001", "121.6002")), Some("w"));
        assert_eq!(grid_at(grids, point("38.9001", "121.6098")), Some("e"));
        // Between the two, nearer the east edge.
        assert_eq!(grid_at(grids, point("38.900", "121.6065")), Some("e"));
        // Far away: still the nearest.
        assert_eq!(grid_at(grids, point("39.5", "121.5")), Some("w"));
        assert_eq!(grid_at([("none", None)], point("1", "1")), None);
    }

    #[test]
    fn of_overlapping_grids_the_nearest_centre_wins() {
        let big = GridArea {
            centre: point("38.900", "121.600"),
            radius_m: 2000,
        };
        let small = GridArea {
            centre: point("38.905", "121.600"),
            radius_m: 200,
        };
        let grids = [("big", Some(&big)), ("small", Some(&small))];
        assert_eq!(grid_at(grids, point("38.905", "121.6001")), Some("small"));
        assert_eq!(grid_at(grids, point("38.901", "121.600")), Some("big"));
    }
}
