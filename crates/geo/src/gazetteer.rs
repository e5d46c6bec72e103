//! Finding places by name: exact, prefix and typo-tolerant, over main and alternate names.

use bleibe_domain::place::distance_km;
use bleibe_domain::text::fold;
use bleibe_domain::Place;
use std::collections::HashMap;

/// The default home region of an installation: the Lausitz (between Spremberg,
/// Hoyerswerda and Weißwasser). Ambiguous place names resolve to the candidate
/// nearest to it.
pub const DEFAULT_HOME: (f64, f64) = (51.50, 14.40);

/// All places in memory with a name index.
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: HashMap<i64, usize>,
    /// (folded name, place index), main and alternate names; sorted by name.
    names: Vec<(String, usize)>,
    home: (f64, f64),
}

/// How a free-text place reference was resolved.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    /// The place used.
    pub place: &'a Place,
    /// How many places carry that name; above 1 means the home region decided.
    pub candidates: usize,
}

#[derive(PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Tier {
    Exact,
    Prefix,
    Fuzzy,
}

impl Gazetteer {
    /// Builds the index. `home` is the (lat, lon) that decides between places of the
    /// same name.
    pub fn new(places: Vec<Place>, home: (f64, f64)) -> Self {
        let by_id = places.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut names: Vec<(String, usize)> = Vec::new();
        for (i, p) in places.iter().enumerate() {
            let mut seen: Vec<String> = Vec::new();
            for n in std::iter::once(&p.name).chain(p.alternate_names.iter()) {
                let f = fold(n);
                if !f.is_empty() && !seen.contains(&f) {
                    seen.push(f.clone());
                    names.push((f, i));
                }
            }
        }
        names.sort();
        Self {
            places,
            by_id,
            names,
            home,
        }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there are no places.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The home region.
    pub fn home(&self) -> (f64, f64) {
        self.home
    }

    /// A place by GeoNames id.
    pub fn get(&self, id: i64) -> Option<&Place> {
        self.by_id.get(&id).map(|&i| &self.places[i])
    }

    /// Places whose name or alternate name equals, starts with or (for queries of 4 or
    /// more letters) is within one or two typos of `query`. Exact matches first, then
    /// prefix matches, then typo matches; within each, larger population first and
    /// unknown population last.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Place> {
        let q = fold(query.trim());
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut best: HashMap<usize, Tier> = HashMap::new();
        fn note(best: &mut HashMap<usize, Tier>, i: usize, t: Tier) {
            best.entry(i)
                .and_modify(|old| *old = (*old).min(t))
                .or_insert(t);
        }
        let start = self.names.partition_point(|(n, _)| n.as_str() < q.as_str());
        for (n, i) in self.names[start..]
            .iter()
            .take_while(|(n, _)| n.starts_with(&q))
        {
            note(
                &mut best,
                *i,
                if *n == q { Tier::Exact } else { Tier::Prefix },
            );
        }
        if best.len() < limit {
            let q_len = q.chars().count();
            let max_edits = match q_len {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            if max_edits > 0 {
                let qc: Vec<char> = q.chars().collect();
                for (n, i) in &self.names {
                    let n_len = n.chars().count();
                    if n_len.abs_diff(q_len) > max_edits || best.contains_key(i) {
                        continue;
                    }
                    if edit_distance_within(&qc, n, max_edits) {
                        note(&mut best, *i, Tier::Fuzzy);
                    }
                }
            }
        }
        let mut hits: Vec<(Tier, usize)> = best.into_iter().map(|(i, t)| (t, i)).collect();
        hits.sort_by(|a, b| {
            let (pa, pb) = (&self.places[a.1], &self.places[b.1]);
            a.0.cmp(&b.0)
                .then_with(|| pb.population.is_some().cmp(&pa.population.is_some()))
                .then_with(|| pb.population.cmp(&pa.population))
                .then_with(|| pa.name.cmp(&pb.name))
                .then_with(|| pa.id.cmp(&pb.id))
        });
        hits.into_iter()
            .take(limit)
            .map(|(_, i)| &self.places[i])
            .collect()
    }

    /// Resolves a `near=` value: a GeoNames id, or a name. A name that several places
    /// carry exactly resolves to the one nearest the home region; a name with no exact
    /// match takes the best prefix or typo match.
    pub fn resolve(&self, value: &str) -> Option<Resolved<'_>> {
        let v = value.trim();
        if let Ok(id) = v.parse::<i64>() {
            return self.get(id).map(|place| Resolved {
                place,
                candidates: 1,
            });
        }
        let q = fold(v);
        if q.is_empty() {
            return None;
        }
        let start = self.names.partition_point(|(n, _)| n.as_str() < q.as_str());
        let mut exact: Vec<usize> = self.names[start..]
            .iter()
            .take_while(|(n, _)| *n == q)
            .map(|(_, i)| *i)
            .collect();
        exact.sort_unstable();
        exact.dedup();
        if exact.is_empty() {
            return self.search(v, 1).first().map(|place| Resolved {
                place,
                candidates: 1,
            });
        }
        // Prefer places whose main name matches over those matching only an alternate name.
        let main: Vec<usize> = exact
            .iter()
            .copied()
            .filter(|&i| fold(&self.places[i].name) == q)
            .collect();
        let pool = if main.is_empty() { exact } else { main };
        let (h_lat, h_lon) = self.home;
        let nearest = pool.iter().copied().min_by(|&a, &b| {
            let da = distance_km(h_lat, h_lon, self.places[a].lat, self.places[a].lon);
            let db = distance_km(h_lat, h_lon, self.places[b].lat, self.places[b].lon);
            da.total_cmp(&db)
        })?;
        Some(Resolved {
            place: &self.places[nearest],
            candidates: pool.len(),
        })
    }
}

/// Optimal string alignment distance (Levenshtein plus adjacent transposition) of `a`
/// and `b`, answering only whether it is at most `max`.
fn edit_distance_within(a: &[char], b: &str, max: usize) -> bool {
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m] <= max
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded_places;
    use std::sync::OnceLock;

    fn gaz() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::new(embedded_places().expect("places"), DEFAULT_HOME))
    }

    fn names(hits: Vec<&Place>) -> Vec<String> {
        hits.into_iter().map(|p| p.name.clone()).collect()
    }

    #[test]
    fn sorbian_name_finds_hoyerswerda() {
        assert_eq!(names(gaz().search("Wojerecy", 5))[0], "Hoyerswerda");
        assert_eq!(gaz().resolve("Wojerecy").map(|r| r.place.id), Some(2898304));
    }

    #[test]
    fn exact_first_then_population() {
        let hits = gaz().search("Cottbus", 5);
        assert_eq!(hits[0].name, "Cottbus");
        let prefix = gaz().search("Hoy", 10);
        assert!(prefix.iter().any(|p| p.name == "Hoyerswerda"));
        let pops: Vec<Option<u32>> = prefix.iter().map(|p| p.population).collect();
        // Within the prefix tier, known populations descend and unknown ones come last.
        let known: Vec<u32> = pops.iter().flatten().copied().collect();
        assert!(known.windows(2).all(|w| w[0] >= w[1]), "{pops:?}");
        if let Some(first_none) = pops.iter().position(|p| p.is_none()) {
            assert!(pops[first_none..].iter().all(|p| p.is_none()), "{pops:?}");
        }
    }

    #[test]
    fn umlauts_and_typos() {
        assert_eq!(names(gaz().search("Weisswasser", 3))[0], "Weißwasser");
        assert_eq!(names(gaz().search("Goerlitz", 3))[0], "Görlitz");
        assert_eq!(names(gaz().search("Hoyerswreda", 3))[0], "Hoyerswerda");
        assert!(gaz().search("zzzzqqqq", 3).is_empty());
    }

    #[test]
    fn ambiguous_names_resolve_near_home() {
        let r = gaz().resolve("Forst").expect("Forst");
        assert!(r.candidates >= 2, "{}", r.candidates);
        assert_eq!(r.place.state_code, "11", "Forst (Lausitz) in Brandenburg");
        let far = Gazetteer::new(embedded_places().expect("places"), (49.0, 8.4));
        let r2 = far.resolve("Forst").expect("Forst");
        assert_ne!(r2.place.id, r.place.id);
        assert_eq!(
            gaz().resolve("2830085").map(|r| r.place.name.as_str()),
            Some("Spremberg")
        );
        assert!(gaz().resolve("999999999").is_none());
    }

    #[test]
    fn osa_distance() {
        let a: Vec<char> = "hoyerswreda".chars().collect();
        assert!(edit_distance_within(&a, "hoyerswerda", 1));
        assert!(!edit_distance_within(&a, "hoyerswerda", 0));
        let b: Vec<char> = "abc".chars().collect();
        assert!(!edit_distance_within(&b, "xyz", 2));
        assert!(edit_distance_within(&b, "xyz", 3));
    }
}
