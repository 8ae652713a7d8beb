//! The shipped list (`core/data/admin_units_2025.tsv`, built by
//! `tools/admin-units/build.py`) read into tables once, with name indexes.

use super::key::Index;
use super::{Commune, Kind, OldCommune, OldDistrict, OldProvince, Province};
use std::collections::HashMap;

pub(crate) const TSV: &str = include_str!("../../data/admin_units_2025.tsv");

/// Abbreviations that may be written glued to a number («P1», «Q10»).
pub(crate) const GLUED: &[&str] = &["p", "f", "x", "q", "h", "tt", "tx", "tp"];

pub(crate) struct Tables {
    pub provinces: Vec<Province>,
    pub communes: Vec<Commune>,
    pub old_provinces: Vec<OldProvince>,
    pub old_districts: Vec<OldDistrict>,
    pub old_communes: Vec<OldCommune>,
    pub province_index: Index,
    pub commune_index: Index,
    pub old_province_index: Index,
    pub old_district_index: Index,
    pub old_commune_index: Index,
}

fn kind(letter: &str) -> Result<Kind, String> {
    Ok(match letter {
        "x" => Kind::Xa,
        "p" => Kind::Phuong,
        "d" => Kind::DacKhu,
        "t" => Kind::ThiTran,
        "h" => Kind::District,
        other => return Err(format!("unknown type {other:?}")),
    })
}

/// A province's name without «Tỉnh»/«Thành phố».
pub(crate) fn province_short(name: &str) -> &str {
    name.strip_prefix("Tỉnh ")
        .or_else(|| name.strip_prefix("Thành phố "))
        .unwrap_or(name)
}

/// A district's name without its type word («Quận 5» → «5»).
pub(crate) fn district_short(name: &str) -> &str {
    ["Huyện ", "Quận ", "Thị xã ", "Thành phố "]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name)
}

pub(crate) fn parse(text: &'static str) -> Result<Tables, String> {
    let mut section = "";
    let mut provinces = Vec::new();
    let mut communes = Vec::new();
    let mut old_provinces = Vec::new();
    let mut old_districts = Vec::new();
    let mut raw_old = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        let bad = || format!("line {}: {line:?} in [{section}]", n + 1);
        match (section, f.as_slice()) {
            ("provinces", [code, name]) => provinces.push(Province { code, name }),
            ("communes", [code, province, k, name]) => communes.push(Commune {
                code,
                province_code: province,
                kind: kind(k).map_err(|e| format!("{}: {e}", bad()))?,
                name,
            }),
            ("old_provinces", [code, name, new_province]) => old_provinces.push(OldProvince {
                code,
                name,
                new_province_code: new_province,
            }),
            ("old_districts", [code, province, name]) => old_districts.push(OldDistrict {
                code,
                province_code: province,
                name,
            }),
            ("old_communes", [code, district, k, name, news]) => {
                raw_old.push((*code, *district, kind(k)?, *name, *news));
            }
            _ => return Err(bad()),
        }
    }
    let commune_at: HashMap<&str, u32> = communes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code, i as u32))
        .collect();
    let district_at: HashMap<&str, u32> = old_districts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.code, i as u32))
        .collect();
    let mut old_communes = Vec::with_capacity(raw_old.len());
    for (code, district, kind, name, news) in raw_old {
        let mut into = Vec::new();
        let mut default = None;
        for c in news.split(',') {
            let (c, is_default) = match c.strip_suffix('*') {
                Some(c) => (c, true),
                None => (c, false),
            };
            let at = *commune_at
                .get(c)
                .ok_or_else(|| format!("old commune {code}: no 2025 commune {c}"))?;
            if is_default {
                default = Some(at);
            }
            into.push(at);
        }
        let default = match (into.as_slice(), default) {
            ([one], None) => *one,
            ([_, _, ..], Some(d)) => d,
            _ => {
                return Err(format!(
                    "old commune {code}: {news:?} needs one target or a default"
                ))
            }
        };
        let d = &old_districts[*district_at
            .get(district)
            .ok_or_else(|| format!("old commune {code}: no district {district}"))?
            as usize];
        let province = old_provinces
            .iter()
            .find(|p: &&OldProvince| p.code == d.province_code)
            .ok_or_else(|| format!("old district {}: no province {}", d.code, d.province_code))?;
        old_communes.push(OldCommune {
            code,
            kind,
            name,
            district_code: d.code,
            district: d.name,
            province_code: province.code,
            province: province.name,
            into,
            default,
        });
    }

    let mut t = Tables {
        provinces,
        communes,
        old_provinces,
        old_districts,
        old_communes,
        province_index: Index::default(),
        commune_index: Index::default(),
        old_province_index: Index::default(),
        old_district_index: Index::default(),
        old_commune_index: Index::default(),
    };
    for (i, p) in t.provinces.iter().enumerate() {
        t.province_index
            .add(province_short(p.name), i as u32, GLUED);
        for alias in super::PROVINCE_ALIASES
            .iter()
            .filter(|(code, _)| *code == p.code)
        {
            t.province_index.add(alias.1, i as u32, GLUED);
        }
    }
    for (i, p) in t.old_provinces.iter().enumerate() {
        t.old_province_index
            .add(province_short(p.name), i as u32, GLUED);
    }
    for (i, d) in t.old_districts.iter().enumerate() {
        t.old_district_index
            .add(district_short(d.name), i as u32, GLUED);
    }
    for (i, c) in t.communes.iter().enumerate() {
        t.commune_index.add(c.name, i as u32, GLUED);
    }
    for (i, c) in t.old_communes.iter().enumerate() {
        t.old_commune_index.add(c.name, i as u32, GLUED);
    }
    Ok(t)
}
