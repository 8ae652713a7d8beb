//! Vietnamese administrative units as data, after the 1 July 2025 reform.
//!
//! Since 1 July 2025 local government has two tiers: 34 provinces and 3,321
//! communes (2,621 xã, 687 phường, 13 đặc khu); districts were abolished and
//! most communes merged. Files from before that date name old provinces,
//! districts and communes. This module ships the new list and the crosswalk
//! from the 10,035 old communes (`core/data/admin_units_2025.tsv`, built by
//! `tools/admin-units/build.py` from the MIT-licensed PyPI package
//! `vietnamadminunits` 1.0.4; source, licence and counts in
//! `core/data/ADMIN_UNITS_SOURCE.md`), compiled into the binary and parsed
//! once, on first use.
//!
//! Names are matched the way the rest of the app matches place names
//! ([`crate::text::name_key`], then [`crate::text::fold_key`]), with the type
//! word («Xã», «xa», «X.», «Phường», «P.», «Thị trấn», «TT», «Đặc khu») and
//! numbering («Phường 01», «P.1», «P1») understood. A name is never guessed:
//! a [`Match`] is one unit, several candidates ([`Match::Ambiguous`]) or
//! nothing, and says how it matched ([`How`]). An old commune split across
//! several new communes resolves to the default the source package uses and
//! is flagged ([`Hit::split_into`]).

mod data;
mod key;
#[cfg(test)]
mod tests;

pub use key::How;

use data::{Tables, GLUED};
use key::{search, Found, Prefixes, Query};
use serde::Serialize;
use std::sync::OnceLock;

/// A unit's type. New communes are [`Kind::Xa`], [`Kind::Phuong`] or
/// [`Kind::DacKhu`]; old ones [`Kind::Xa`], [`Kind::Phuong`] or
/// [`Kind::ThiTran`], and five old island districts without communes
/// (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) stand in the old list as
/// [`Kind::District`] rows of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Xa,
    Phuong,
    DacKhu,
    ThiTran,
    District,
}

impl Kind {
    /// The type word as written before a name: «Xã», «Phường», …
    pub fn word(self) -> &'static str {
        match self {
            Kind::Xa => "Xã",
            Kind::Phuong => "Phường",
            Kind::DacKhu => "Đặc khu",
            Kind::ThiTran => "Thị trấn",
            Kind::District => "Huyện",
        }
    }
}

/// A province of the 34 since 1 July 2025.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Province {
    /// Two digits, «01» Hà Nội … «96» Cà Mau.
    pub code: &'static str,
    /// Official name with its type: «Thành phố Cần Thơ», «Tỉnh Lào Cai».
    pub name: &'static str,
}

impl Province {
    /// The name without «Tỉnh»/«Thành phố».
    pub fn short_name(&self) -> &'static str {
        data::province_short(self.name)
    }
}

/// A commune of the 3,321 since 1 July 2025 (xã, phường or đặc khu).
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Commune {
    /// Five digits, the national unit code.
    pub code: &'static str,
    pub province_code: &'static str,
    pub kind: Kind,
    /// The name without the type word: «Cái Khế» for «Phường Cái Khế».
    pub name: &'static str,
}

impl Commune {
    /// The official name with its type word: «Phường Cái Khế».
    pub fn full_name(&self) -> String {
        format!("{} {}", self.kind.word(), self.name)
    }

    pub fn province(&self) -> &'static Province {
        let t = tables();
        t.provinces
            .iter()
            .find(|p| p.code == self.province_code)
            .unwrap_or(&t.provinces[0])
    }
}

/// A province before the reform (63), with the province it went into.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct OldProvince {
    pub code: &'static str,
    pub name: &'static str,
    pub new_province_code: &'static str,
}

/// A district before the reform (696, abolished 1 July 2025).
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct OldDistrict {
    pub code: &'static str,
    /// The old province's code.
    pub province_code: &'static str,
    /// With its type word: «Quận Ninh Kiều», «Huyện Phong Điền».
    pub name: &'static str,
}

/// A commune before the reform, and where it went.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct OldCommune {
    /// The old five-digit code (an island district's own three-digit code).
    pub code: &'static str,
    pub kind: Kind,
    /// The name without the type word: «An Cư», «1» for «Phường 1».
    pub name: &'static str,
    pub district_code: &'static str,
    /// The old district with its type word.
    pub district: &'static str,
    pub province_code: &'static str,
    /// The old province with its type word.
    pub province: &'static str,
    #[serde(skip)]
    into: Vec<u32>,
    #[serde(skip)]
    default: u32,
}

impl OldCommune {
    /// The old official name with its type word: «Phường An Cư».
    pub fn full_name(&self) -> String {
        format!("{} {}", self.kind.word(), self.name)
    }

    /// The new commune it went into, or for a split commune the default one.
    pub fn new_commune(&self) -> &'static Commune {
        &tables().communes[self.default as usize]
    }

    /// Every new commune it went into (one unless it was split), by code.
    pub fn new_communes(&self) -> Vec<&'static Commune> {
        let t = tables();
        self.into.iter().map(|&i| &t.communes[i as usize]).collect()
    }

    pub fn is_split(&self) -> bool {
        self.into.len() > 1
    }
}

/// One unit a name matched.
#[derive(Debug, Serialize)]
pub struct Hit {
    /// The 2025 commune: the one named, or the one the old commune went
    /// into (for a split commune, the default).
    pub commune: &'static Commune,
    pub province: &'static Province,
    pub how: How,
    /// The type word written disagrees with the unit's («Thị trấn X» when
    /// only «Xã X» exists); kept only when no unit of the written type has
    /// that name.
    pub kind_differs: bool,
    /// Crosswalk only: the old commune(s) the name matched. Several when the
    /// same name in different districts went the same way.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub old: Vec<&'static OldCommune>,
    /// Crosswalk only: when the old commune was split, every new commune it
    /// went into ([`Hit::commune`] is the default among them); empty
    /// otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub split_into: Vec<&'static Commune>,
}

impl Hit {
    pub fn is_split(&self) -> bool {
        !self.split_into.is_empty()
    }
}

/// Which area given to narrow a search was not recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Province,
    District,
}

/// What a name matched. Never a guess: one unit, candidates, or nothing.
#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Match {
    Found(Hit),
    /// Several units answer to the name (within the area given), at the
    /// same level of strictness; the user must choose.
    Ambiguous {
        candidates: Vec<Hit>,
    },
    /// No unit of that name (within the area given).
    Unknown,
    /// The province or district given to narrow the search is not a known
    /// unit, so nothing was searched.
    UnknownArea {
        area: Area,
        name: String,
    },
}

impl Match {
    /// The single unit found, if there is one.
    pub fn hit(&self) -> Option<&Hit> {
        match self {
            Match::Found(h) => Some(h),
            _ => None,
        }
    }

    /// The candidates of an ambiguous match; empty otherwise.
    pub fn candidates(&self) -> &[Hit] {
        match self {
            Match::Ambiguous { candidates } => candidates,
            _ => &[],
        }
    }
}

/// Short forms of province names in common use, besides the type words.
const PROVINCE_ALIASES: &[(&str, &str)] = &[("01", "hn"), ("79", "hcm"), ("79", "sài gòn")];

const PROVINCE_WORDS: &Prefixes<()> = &[
    (&["thanh", "pho"], ()),
    (&["tinh"], ()),
    (&["tp"], ()),
    (&["t"], ()),
];

const DISTRICT_WORDS: &Prefixes<()> = &[
    (&["thanh", "pho"], ()),
    (&["thi", "xa"], ()),
    (&["huyen"], ()),
    (&["quan"], ()),
    (&["tp"], ()),
    (&["tx"], ()),
    (&["h"], ()),
    (&["q"], ()),
];

const COMMUNE_WORDS: &Prefixes<Kind> = &[
    (&["thi", "tran"], Kind::ThiTran),
    (&["dac", "khu"], Kind::DacKhu),
    (&["xa"], Kind::Xa),
    (&["x"], Kind::Xa),
    (&["phuong"], Kind::Phuong),
    (&["p"], Kind::Phuong),
    (&["f"], Kind::Phuong),
    (&["tt"], Kind::ThiTran),
    (&["huyen"], Kind::District),
];

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // The data is compiled in and checked by the tests; it is not input.
        data::parse(data::TSV).unwrap_or_else(|e| panic!("admin_units_2025.tsv: {e}"))
    })
}

/// The 34 provinces, by code.
pub fn provinces() -> &'static [Province] {
    &tables().provinces
}

/// The 3,321 communes, by code.
pub fn communes() -> &'static [Commune] {
    &tables().communes
}

/// The old communes (and the five island districts without communes), by code.
pub fn old_communes() -> &'static [OldCommune] {
    &tables().old_communes
}

/// The old provinces, by code.
pub fn old_provinces() -> &'static [OldProvince] {
    &tables().old_provinces
}

fn province_ids(name: &str) -> Vec<u32> {
    let t = tables();
    let q = Query::new(name, PROVINCE_WORDS, GLUED);
    search(
        &t.province_index,
        &q,
        |i| t.provinces[i as usize].name.to_string(),
        |_| (),
        |_| true,
    )
    .map(|(_, f)| f.into_iter().map(|f| f.id).collect())
    .unwrap_or_default()
}

fn old_province_ids(name: &str) -> Vec<u32> {
    let t = tables();
    let q = Query::new(name, PROVINCE_WORDS, GLUED);
    search(
        &t.old_province_index,
        &q,
        |i| t.old_provinces[i as usize].name.to_string(),
        |_| (),
        |_| true,
    )
    .map(|(_, f)| f.into_iter().map(|f| f.id).collect())
    .unwrap_or_default()
}

/// One of the 34 provinces by name: «Thành phố Cần Thơ», «Cần Thơ», «can tho»,
/// «TP. Hồ Chí Minh», «TP.HCM», «Tỉnh Lào Cai». Old province names (before
/// the 2025 merges) are not answered here: see [`old_province`].
pub fn province(name: &str) -> Option<&'static Province> {
    match province_ids(name).as_slice() {
        [one] => Some(&tables().provinces[*one as usize]),
        _ => None,
    }
}

/// One of the 63 provinces before the reform by name («Hậu Giang»,
/// «Thừa Thiên Huế»), with [`OldProvince::new_province_code`] saying where
/// it went.
pub fn old_province(name: &str) -> Option<&'static OldProvince> {
    match old_province_ids(name).as_slice() {
        [one] => Some(&tables().old_provinces[*one as usize]),
        _ => None,
    }
}

fn new_hit(i: u32, how: How, kind_differs: bool) -> Hit {
    let commune = &tables().communes[i as usize];
    Hit {
        commune,
        province: commune.province(),
        how,
        kind_differs,
        old: Vec::new(),
        split_into: Vec::new(),
    }
}

/// A commune of the 2025 list by name, within a province when one is given.
/// The province may be a new one or an old one (then its whole new
/// province is searched). A name found in several provinces without a
/// province given is [`Match::Ambiguous`].
pub fn commune_2025(province: Option<&str>, name: &str) -> Match {
    let t = tables();
    let scope: Option<Vec<&str>> = match province {
        None => None,
        Some(p) => {
            let mut codes: Vec<&str> = province_ids(p)
                .iter()
                .map(|&i| t.provinces[i as usize].code)
                .collect();
            if codes.is_empty() {
                codes = old_province_ids(p)
                    .iter()
                    .map(|&i| t.old_provinces[i as usize].new_province_code)
                    .collect();
            }
            if codes.is_empty() {
                return Match::UnknownArea {
                    area: Area::Province,
                    name: p.to_string(),
                };
            }
            Some(codes)
        }
    };
    let q = Query::new(name, COMMUNE_WORDS, GLUED);
    let found = search(
        &t.commune_index,
        &q,
        |i| t.communes[i as usize].full_name(),
        |i| t.communes[i as usize].kind,
        |i| {
            scope
                .as_ref()
                .is_none_or(|s| s.contains(&t.communes[i as usize].province_code))
        },
    );
    match found {
        None => Match::Unknown,
        Some((how, found)) => {
            let mut hits: Vec<Hit> = found
                .into_iter()
                .map(|f| new_hit(f.id, how, f.kind_differs))
                .collect();
            if hits.len() == 1 {
                Match::Found(hits.remove(0))
            } else {
                Match::Ambiguous { candidates: hits }
            }
        }
    }
}

fn old_hit(found: &[Found], how: How) -> Hit {
    let t = tables();
    let old: Vec<&'static OldCommune> = found
        .iter()
        .map(|f| &t.old_communes[f.id as usize])
        .collect();
    let first = old[0];
    let mut hit = new_hit(first.default, how, found.iter().all(|f| f.kind_differs));
    hit.old = old;
    if first.is_split() {
        hit.split_into = first.new_communes();
    }
    hit
}

/// Where an old (pre-July-2025) commune went. `province` may name the old
/// province («Hậu Giang») or the new one it is now part of («Cần Thơ»);
/// `district` is the old district («Quận Ninh Kiều», «Ninh Kiều», «Q.
/// Ninh Kiều»). The five island districts that had no communes answer to
/// their own name («Côn Đảo»). An old commune split across several new
/// ones gives the default the source package uses, with
/// [`Hit::split_into`] listing all of them. The same name in several
/// places is [`Match::Ambiguous`] unless all of them went the same way.
pub fn crosswalk(province: Option<&str>, district: Option<&str>, old_commune: &str) -> Match {
    let t = tables();
    let provinces: Option<(Vec<&str>, Vec<&str>)> = match province {
        None => None,
        Some(p) => {
            let old: Vec<&str> = old_province_ids(p)
                .iter()
                .map(|&i| t.old_provinces[i as usize].code)
                .collect();
            let new: Vec<&str> = province_ids(p)
                .iter()
                .map(|&i| t.provinces[i as usize].code)
                .collect();
            if old.is_empty() && new.is_empty() {
                return Match::UnknownArea {
                    area: Area::Province,
                    name: p.to_string(),
                };
            }
            Some((old, new))
        }
    };
    let in_province = |c: &OldCommune| {
        provinces.as_ref().is_none_or(|(old, new)| {
            old.contains(&c.province_code)
                || c.into
                    .iter()
                    .any(|&i| new.contains(&t.communes[i as usize].province_code))
        })
    };
    let districts: Option<Vec<&str>> = match district {
        None => None,
        Some(d) => {
            let q = Query::new(d, DISTRICT_WORDS, GLUED);
            let in_scope = |i: u32| {
                let dist = &t.old_districts[i as usize];
                provinces.as_ref().is_none_or(|(old, new)| {
                    old.contains(&dist.province_code)
                        || t.old_provinces.iter().any(|p| {
                            p.code == dist.province_code && new.contains(&p.new_province_code)
                        })
                })
            };
            let found = search(
                &t.old_district_index,
                &q,
                |i| t.old_districts[i as usize].name.to_string(),
                |_| (),
                in_scope,
            );
            match found {
                None => {
                    return Match::UnknownArea {
                        area: Area::District,
                        name: d.to_string(),
                    }
                }
                Some((_, f)) => Some(
                    f.iter()
                        .map(|f| t.old_districts[f.id as usize].code)
                        .collect(),
                ),
            }
        }
    };
    let q = Query::new(old_commune, COMMUNE_WORDS, GLUED);
    let found = search(
        &t.old_commune_index,
        &q,
        |i| t.old_communes[i as usize].full_name(),
        |i| t.old_communes[i as usize].kind,
        |i| {
            let c = &t.old_communes[i as usize];
            in_province(c)
                && districts
                    .as_ref()
                    .is_none_or(|d| d.contains(&c.district_code))
        },
    );
    let Some((how, found)) = found else {
        return Match::Unknown;
    };
    // Old communes that went the same way give one answer.
    let first = &t.old_communes[found[0].id as usize];
    let same_way = found.iter().all(|f| {
        let c = &t.old_communes[f.id as usize];
        c.into == first.into && c.default == first.default
    });
    if same_way {
        Match::Found(old_hit(&found, how))
    } else {
        Match::Ambiguous {
            candidates: found
                .iter()
                .map(|f| old_hit(std::slice::from_ref(f), how))
                .collect(),
        }
    }
}
