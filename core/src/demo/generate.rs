//! Seeded generation of the demo data. Everything flows from one seed through
//! a hand-written SplitMix64, so the workbook is identical on every platform
//! and every call (no `rand`, no clock).

use super::model::*;

pub(super) const SEED: u64 = 0x5448_4f4e_534f_2024;
/// Period of the dossier sheet: 01/10/2023 – 30/06/2024.
pub(super) const PERIOD_START: (i32, u32, u32) = (2023, 10, 1);
pub(super) const AS_OF: (i32, u32, u32) = (2024, 6, 30);
/// Numbers of one-step-away villages and of villages "near" only through
/// readiness ≥ 70 (two BB failing).
const ONE_STEP: usize = 9;
const NEAR_BY_READINESS: usize = 4;
/// BB indicators a one-step-away village lacks, in turn: wifi at the
/// cultural house is the usual missing piece.
const ONE_STEP_FAILS: [usize; ONE_STEP] = [HT3, HT3, CQ1, HT3, CQ2, HT2, HT3, CQ1, CQ2];

pub(super) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    /// Uniform in 0..n; n must be > 0.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Index drawn with the given relative weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = (self.unit() * f64::from(total)) as u32;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len().saturating_sub(1)
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ---- Calendar arithmetic on day numbers (days since 1970-01-01). ----

// The generator's dates are constants, all valid; the core's `Date` does
// the arithmetic.
pub(super) fn day(y: i32, m: u32, d: u32) -> i64 {
    crate::date::Date::from_ymd(y, m, d).map_or(0, |d| i64::from(d.0))
}

pub(super) fn ymd(z: i64) -> (i32, u32, u32) {
    crate::date::Date(z.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32).ymd()
}

/// 0 = Monday … 6 = Sunday.
pub(super) fn weekday(z: i64) -> i64 {
    (z + 3).rem_euclid(7)
}

pub(super) fn is_off(z: i64) -> bool {
    weekday(z) >= 5 || DAYS_OFF.iter().any(|&(y, m, d)| day(y, m, d) == z)
}

fn next_working(mut z: i64) -> i64 {
    while is_off(z) {
        z += 1;
    }
    z
}

fn add_working(mut z: i64, k: u32) -> i64 {
    for _ in 0..k {
        z = next_working(z + 1);
    }
    z
}

// ---- Villages ----

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Intent {
    Recognized,
    /// Exactly this BB indicator fails; everything else is in order.
    OneStep(usize),
    /// Two BB fail, but readiness ≥ 70.
    NearByReadiness,
    NotYet,
}

pub(super) struct Village {
    pub commune: usize,
    pub name: &'static str,
    pub households: u32,
    /// Numerator of HT1; None when the cell is left blank.
    pub fibre: Option<u32>,
    pub launch: Option<i64>,
    pub intent: Intent,
    /// Values on the scoring scale (0–100, or 1/0 for yes/no); HT1 is
    /// fibre ÷ households and CQ3 the online share of the village's dossiers.
    pub values: [Option<f64>; N_IND],
    /// Cells an official typed as text, "85,5%".
    pub as_text: [bool; N_IND],
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Channel {
    Online,
    InPerson,
    Postal,
}

pub(super) struct Dossier {
    pub id: String,
    pub procedure: usize,
    pub applicant: String,
    pub village: usize,
    pub channel: Channel,
    pub received: i64,
    /// Minutes after midnight.
    pub received_min: u32,
    pub due: i64,
    pub completed: Option<i64>,
    pub returned: Option<i64>,
    pub status: &'static str,
    pub paid_online: bool,
}

pub(super) struct Demo {
    pub villages: Vec<Village>,
    pub dossiers: Vec<Dossier>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Status {
    Recognized,
    Near,
    NotYet,
}

/// The default framework's rules (domain brief §2), kept here so the
/// generator can check what it produced: (status, readiness, BB failed).
pub(super) fn score(values: &[Option<f64>; N_IND]) -> (Status, f64, usize) {
    let mut readiness = 0.0;
    let mut bb_failed = 0;
    for (ind, v) in INDICATORS.iter().zip(values) {
        let (pass, credit) = match (ind.kind, v) {
            (_, None) => (false, 0.0),
            (Kind::YesNo, Some(v)) => (*v == 1.0, if *v == 1.0 { 1.0 } else { 0.0 }),
            (Kind::Percent, Some(v)) => (*v >= ind.threshold, (v / ind.threshold).min(1.0)),
        };
        readiness += ind.weight * credit;
        if ind.mandatory && !pass {
            bb_failed += 1;
        }
    }
    let status = if bb_failed == 0 {
        Status::Recognized
    } else if bb_failed == 1 || readiness >= 70.0 {
        Status::Near
    } else {
        Status::NotYet
    };
    (status, readiness, bb_failed)
}

pub(super) fn build() -> Demo {
    let mut rng = Rng::new(SEED);
    let mut villages = skeleton(&mut rng);
    let dossiers = dossiers(&mut Rng::new(SEED ^ 0xD055_1E25), &villages);
    let mut online = vec![(0u32, 0u32); villages.len()];
    for d in &dossiers {
        online[d.village].1 += 1;
        if d.channel == Channel::Online {
            online[d.village].0 += 1;
        }
    }
    let mut value_rng = Rng::new(SEED ^ 0x7A1_0E5);
    let mut blanks_left = 6;
    for (v, &(on, n)) in villages.iter_mut().zip(&online) {
        let cq3 = (n > 0).then(|| f64::from(on) * 100.0 / f64::from(n));
        draw_values(&mut value_rng, v, cq3, &mut blanks_left);
    }
    mark_text_cells(&mut value_rng, &mut villages);
    Demo { villages, dossiers }
}

fn skeleton(rng: &mut Rng) -> Vec<Village> {
    let mut villages = Vec::new();
    for (ci, c) in COMMUNES.iter().enumerate() {
        for &name in c.villages {
            let launch = c.recognized.iter().find(|r| r.0 == name).map(|r| day(r.1 .0, r.1 .1, r.1 .2));
            let fixed = FIXED_HOUSEHOLDS.iter().find(|f| f.0 == c.name && f.1 == name).map(|f| f.2);
            // Town residential groups are denser than upland hamlets.
            let (lo, hi) = if ci < 3 { (85.0, 230.0) } else { (55.0, 195.0) };
            let households = fixed.unwrap_or_else(|| rng.range(lo, hi).round() as u32);
            let intent = if launch.is_some() { Intent::Recognized } else { Intent::NotYet };
            villages.push(Village {
                commune: ci,
                name,
                households,
                fibre: None,
                launch,
                intent,
                values: [None; N_IND],
                as_text: [false; N_IND],
            });
        }
    }
    let mut others: Vec<usize> = (0..villages.len()).filter(|&i| villages[i].launch.is_none()).collect();
    rng.shuffle(&mut others);
    for (k, &i) in others.iter().take(ONE_STEP + NEAR_BY_READINESS).enumerate() {
        villages[i].intent = match ONE_STEP_FAILS.get(k) {
            Some(&bb) => Intent::OneStep(bb),
            None => Intent::NearByReadiness,
        };
    }
    villages
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Rounds to one decimal and keeps a visible margin from the threshold, so
/// fraction/percent conversions in a reader can never flip the result.
fn settle(x: f64, threshold: f64) -> f64 {
    if threshold >= 100.0 && x >= 100.0 {
        return 100.0;
    }
    let x = round1(x.clamp(5.0, 99.5));
    if (x - threshold).abs() >= 1.0 {
        x
    } else if x >= threshold {
        threshold + 1.0
    } else {
        threshold - 1.0
    }
}

fn draw_values(rng: &mut Rng, v: &mut Village, cq3: Option<f64>, blanks_left: &mut u32) {
    // (pass probability of a TC item, lowest failing value as a share of
    // the threshold, readiness bounds with a margin from the 70 cut-off)
    let (p_pass, floor, min_r, max_r) = match v.intent {
        Intent::Recognized => (0.85, 0.85, 0.0, 101.0),
        Intent::OneStep(_) => (1.0, 0.9, 0.0, 101.0),
        Intent::NearByReadiness => (0.85, 0.8, 71.0, 101.0),
        Intent::NotYet => (0.0, 0.0, 0.0, 68.0),
    };
    let blank = if v.intent == Intent::NotYet && *blanks_left > 0 && rng.chance(0.06) {
        *blanks_left -= 1;
        Some(*rng.pick(&[HT1, HT4, CQ4, KT2, XH1, XH3, XH5]))
    } else {
        None
    };
    for _attempt in 0..500 {
        // Villages not yet there are uniformly weaker rather than randomly
        // patchy: one maturity factor drives all their values.
        let maturity = rng.range(0.45, 1.0);
        let pct = |rng: &mut Rng, threshold: f64| -> f64 {
            let x = match v.intent {
                Intent::NotYet => threshold * maturity * rng.range(0.8, 1.25),
                _ if rng.chance(p_pass) => rng.range(threshold + 1.0, threshold + 30.0),
                _ => rng.range(threshold * floor, threshold - 1.0),
            };
            settle(x, threshold)
        };
        let failing_bb = match v.intent {
            Intent::Recognized => vec![],
            Intent::OneStep(bb) => vec![bb],
            Intent::NearByReadiness => rng.pick(&[[HT3, CQ2], [HT2, HT3], [HT3, CQ1], [CQ1, CQ2]]).to_vec(),
            Intent::NotYet => {
                // Wifi at the cultural house is the usual gap, 4G the rarest.
                let mut pool = vec![(HT3, 6), (CQ1, 4), (CQ2, 4), (HT2, 1)];
                let n = [2, 2, 2, 2, 2, 2, 3, 3, 3, 4][rng.below(10)];
                (0..n)
                    .map(|_| pool.remove(rng.weighted(&pool.iter().map(|p| p.1).collect::<Vec<_>>())).0)
                    .collect()
            }
        };
        let mut values = [None; N_IND];
        let mut fibre = None;
        for (i, ind) in INDICATORS.iter().enumerate() {
            values[i] = match (i, ind.kind) {
                (CQ3, _) => cq3,
                (HT1, _) => {
                    let hh = v.households;
                    let target = pct(rng, ind.threshold).min(99.0);
                    let pass = target >= ind.threshold;
                    let mut f = (f64::from(hh) * target / 100.0).round() as u32;
                    // Integer households can land the rate right on 80 %.
                    while (f64::from(f) * 100.0 / f64::from(hh) - ind.threshold).abs() < 0.5 {
                        f = if pass { f + 1 } else { f.saturating_sub(1) };
                    }
                    let f = f.min(hh);
                    fibre = Some(f);
                    Some(f64::from(f) * 100.0 / f64::from(hh))
                }
                (_, Kind::YesNo) if ind.mandatory => Some(if failing_bb.contains(&i) { 0.0 } else { 1.0 }),
                (_, Kind::YesNo) => {
                    let p_yes = match v.intent {
                        Intent::NotYet => maturity - 0.3,
                        Intent::OneStep(_) => 1.0,
                        _ => p_pass - 0.1,
                    };
                    Some(if rng.chance(p_yes) { 1.0 } else { 0.0 })
                }
                (_, Kind::Percent) => Some(pct(rng, ind.threshold)),
            };
        }
        if let Some(i) = blank {
            values[i] = None;
            if i == HT1 {
                fibre = None;
            }
        }
        let (_, readiness, _) = score(&values);
        v.values = values;
        v.fibre = fibre;
        if readiness >= min_r && readiness < max_r {
            return;
        }
    }
}

fn mark_text_cells(rng: &mut Rng, villages: &mut [Village]) {
    let mut marked = 0;
    while marked < 7 {
        let i = rng.below(villages.len());
        let col = *rng.pick(&[HT4, CQ4, XH1]);
        if villages[i].values[col].is_some() && !villages[i].as_text[col] {
            villages[i].as_text[col] = true;
            marked += 1;
        }
    }
}

// ---- Dossiers ----

struct Draft {
    village: usize,
    /// One of the story's launch-day dossiers.
    special: bool,
    received: i64,
    fast: bool,
    online: bool,
}

fn dossiers(rng: &mut Rng, villages: &[Village]) -> Vec<Dossier> {
    let start = day(PERIOD_START.0, PERIOD_START.1, PERIOD_START.2);
    let end = day(AS_OF.0, AS_OF.1, AS_OF.2);
    let working: Vec<i64> = (start..=end).filter(|&z| !is_off(z)).collect();
    let mut drafts = Vec::new();
    for (vi, v) in villages.iter().enumerate() {
        let hh = f64::from(v.households);
        match v.launch {
            Some(launch) => {
                let before: Vec<i64> = working.iter().copied().filter(|&z| z < launch).collect();
                let after: Vec<i64> = working.iter().copied().filter(|&z| z >= launch).collect();
                // The village service point brings citizens who used to put
                // off the trip to the commune office: volume rises after launch.
                let n_b = ((before.len() as f64 * hh / 1100.0 * rng.range(0.8, 1.2)).round() as usize).max(3);
                let n_a = ((after.len() as f64 * hh / 380.0 * rng.range(0.8, 1.2)).round() as usize).max(6);
                let mut on_b = (n_b as f64 * 0.2).round() as usize;
                let on_a = (n_a as f64 * 0.88).round() as usize;
                // CQ3 counts the whole period; keep every recognized village
                // clearly above 50 % online.
                while (on_b + on_a) * 100 < (n_b + n_a) * 55 && on_b < n_b {
                    on_b += 1;
                }
                push_group(rng, &mut drafts, vi, &before, n_b, on_b, false);
                push_group(rng, &mut drafts, vi, &after, n_a, on_a, true);
            }
            None => {
                let n = ((working.len() as f64 * hh / 1900.0 * rng.range(0.7, 1.3)).round() as usize).max(5);
                let share = match v.intent {
                    Intent::NotYet => rng.range(0.05, 0.35),
                    _ => rng.range(0.25, 0.45),
                };
                // Floor keeps the share strictly below 50 %.
                let on = (n as f64 * share).floor() as usize;
                push_group(rng, &mut drafts, vi, &working, n, on, false);
            }
        }
    }
    let mut minutes: Vec<u32> = drafts.iter().map(|_| 7 * 60 + 30 + rng.below(9 * 60 + 15) as u32).collect();
    // Tà Hà 1's launch day: two certified copies of birth certificates done
    // online at the cultural house, finished on the spot (domain brief §1).
    if let Some((vi, v)) = villages.iter().enumerate().find(|(_, v)| v.name == "Tà Hà 1") {
        if let Some(launch) = v.launch {
            for m in [9 * 60 + 15, 9 * 60 + 40] {
                drafts.push(Draft { village: vi, special: true, received: launch, fast: true, online: true });
                minutes.push(m);
            }
        }
    }
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&i| (drafts[i].received, minutes[i], i));

    let mut out = Vec::with_capacity(drafts.len());
    let mut seq_day = i64::MIN;
    let mut seq = 0;
    let on_hold_from = day(2024, 3, 1);
    for i in order {
        let d = &drafts[i];
        let special = d.special;
        if d.received != seq_day {
            seq_day = d.received;
            seq = 0;
        }
        seq += 1;
        let (y, m, dd) = ymd(d.received);
        let id = format!("H38.22-{:02}{:02}{:02}-{:04}", y % 100, m, dd, seq);
        let procedure = if special {
            CERTIFIED_COPY
        } else {
            rng.weighted(&PROCEDURES.map(|p| p.weight))
        };
        let channel = if d.online {
            Channel::Online
        } else if rng.chance(0.08) {
            Channel::Postal
        } else {
            Channel::InPerson
        };
        // Appointment: about 15 calendar days at the commune office, 3 at a
        // village service point. Most results are ready by then; a few slip.
        let (ks, calendar, p_late): (&[u32], i64, f64) = if d.fast {
            (&[1, 1, 1, 1, 2, 2, 2, 2, 2, 3], 3, 0.05)
        } else {
            (&[10, 10, 10, 10, 11, 11, 11, 12, 13, 14], 15, 0.15)
        };
        let (due, done) = if special {
            (d.received, d.received)
        } else {
            let due = next_working(d.received + calendar);
            let natural = add_working(d.received, *rng.pick(ks));
            if rng.chance(p_late) {
                (due, natural.max(add_working(due, 1 + rng.below(3) as u32)))
            } else {
                (due, natural.min(due))
            }
        };
        let on_hold = !special && d.received >= on_hold_from && rng.chance(0.012);
        let (completed, returned, status) = if on_hold {
            (None, None, "Chờ bổ sung")
        } else if done > end {
            (None, None, "Đang xử lý")
        } else {
            let r = if special {
                0
            } else if d.fast {
                [0, 0, 0, 0, 0, 0, 0, 1, 1, 2][rng.below(10)]
            } else {
                [0, 0, 0, 0, 0, 1, 1, 1, 2, 3][rng.below(10)]
            };
            let back = add_working(done, r);
            if back > end || rng.chance(0.015) {
                (Some(done), None, "Đã có kết quả")
            } else {
                (Some(done), Some(back), "Đã trả kết quả")
            }
        };
        let paid_online = channel == Channel::Online && (special || rng.chance(if d.fast { 0.8 } else { 0.6 }));
        out.push(Dossier {
            id,
            procedure,
            applicant: person(rng),
            village: d.village,
            channel,
            received: d.received,
            received_min: minutes[i],
            due,
            completed,
            returned,
            status,
            paid_online,
        });
    }
    out
}

/// `n` dossiers on days drawn from `days`, exactly `online` of them online.
fn push_group(rng: &mut Rng, drafts: &mut Vec<Draft>, village: usize, days: &[i64], n: usize, online: usize, fast: bool) {
    if days.is_empty() {
        return;
    }
    let mut channel: Vec<bool> = (0..n).map(|i| i < online).collect();
    rng.shuffle(&mut channel);
    for online in channel {
        drafts.push(Draft { village, special: false, received: *rng.pick(days), fast, online });
    }
}

/// Always surname + middle + given name, so a leak into a share link is
/// recognizable as personal data at a glance.
fn person(rng: &mut Rng) -> String {
    let surname = SURNAMES[rng.weighted(&SURNAMES.map(|s| s.1))].0;
    if rng.chance(0.55) {
        format!("{} {} {}", surname, rng.pick(&MIDDLE_FEMALE), rng.pick(&GIVEN_FEMALE))
    } else {
        format!("{} {} {}", surname, rng.pick(&MIDDLE_MALE), rng.pick(&GIVEN_MALE))
    }
}
