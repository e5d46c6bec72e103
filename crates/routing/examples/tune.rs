// Temporary tuning harness (removed before hand-off).
use bleibe_routing::{synthetic, Hierarchy};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(200_000, |s| s.parse().unwrap());
    let t = Instant::now();
    let g = synthetic::road_like(n, 1);
    println!(
        "generate {:?}: {} nodes {} arcs",
        t.elapsed(),
        g.coords.len(),
        g.arcs.len()
    );
    let t = Instant::now();
    let c = cpu();
    let pc = process_cpu();
    let ch = if let Ok(f) = std::env::var("CH_FILE")
        .map(std::path::PathBuf::from)
        .and_then(|f| {
            if f.exists() {
                Ok(f)
            } else {
                Err(std::env::VarError::NotPresent)
            }
        }) {
        Hierarchy::load(&f).unwrap()
    } else {
        Hierarchy::contract(&g)
    };
    println!(
        "contract {:?} (cpu {:?} process {:?}): {} arcs in hierarchy",
        t.elapsed(),
        cpu() - c,
        process_cpu() - pc,
        ch.num_arcs()
    );
    if std::env::var_os("CH_ONLY_CONTRACT").is_some() {
        return;
    }
    if let Ok(f) = std::env::var("CH_FILE") {
        ch.save(std::path::Path::new(&f)).unwrap();
    }
    let mut x = 12345u64;
    let mut rnd = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as u32
    };
    let targets: Vec<u32> = (0..1000).map(|_| rnd()).collect();
    let sources: Vec<u32> = (0..100).map(|_| rnd()).collect();
    if std::env::var_os("CH_FRESH").is_some() {
        let c = cpu();
        let t = Instant::now();
        for &s in &sources {
            let ts: Vec<u32> = (0..1000).map(|_| rnd()).collect();
            std::hint::black_box(ch.one_to_many(s, &ts));
        }
        println!(
            "fresh total {:?} cpu {:?}",
            t.elapsed() / 100,
            (cpu() - c) / 100
        );
        return;
    }
    if std::env::var_os("CH_QUICK").is_some() {
        let p = ch.prepare_targets(&targets);
        println!("closure {}", p.closure_len());
        return;
    }
    let mut times = vec![];
    if std::env::var_os("CH_O2M_TRACE").is_some() {
        std::env::set_var("CH_TRACE", "1");
    }
    let mut cpus = vec![];
    for &s in &sources {
        let t = Instant::now();
        let c = cpu();
        std::hint::black_box(ch.one_to_many(s, &targets));
        cpus.push(cpu() - c);
        times.push(t.elapsed());
    }
    println!(
        "one_to_many cpu mean {:?}",
        cpus.iter().sum::<std::time::Duration>() / 100
    );
    times.sort();
    std::env::remove_var("CH_TRACE");
    println!("one_to_many p50 {:?} p99 {:?}", times[50], times[99]);
    let mut fresh = vec![];
    let c = cpu();
    for &s in &sources {
        let ts: Vec<u32> = (0..1000).map(|_| rnd()).collect();
        let t = Instant::now();
        std::hint::black_box(ch.one_to_many(s, &ts));
        fresh.push(t.elapsed());
    }
    fresh.sort();
    println!(
        "fresh one_to_many p50 {:?} p99 {:?} cpu mean {:?}",
        fresh[50],
        fresh[99],
        (cpu() - c) / 100
    );
    let t = Instant::now();
    let p = ch.prepare_targets(&targets);
    println!("prepare {:?}, closure {}", t.elapsed(), p.closure_len());
    let t = Instant::now();
    let c = cpu();
    for i in 0..1000 {
        std::hint::black_box(ch.query(sources[i % 100], targets[i]));
    }
    println!(
        "query mean {:?} cpu {:?}",
        t.elapsed() / 1000,
        (cpu() - c) / 1000
    );
    let places: Vec<u32> = (0..812).map(|_| rnd()).collect();
    let t = Instant::now();
    let m = ch.many_to_many(&places, &places);
    println!(
        "many_to_many 812x812 {:?}, reachable {}",
        t.elapsed(),
        m.iter().filter(|d| d.is_some()).count()
    );
    let d = bleibe_routing::dijkstra::shortest_from(&g, sources[0]);
    let o = ch.one_to_many(sources[0], &targets);
    assert!(targets.iter().zip(&o).all(|(&t, &x)| d[t as usize] == x));
    println!("checked");
}
#[allow(dead_code)]
pub fn process_cpu() -> std::time::Duration {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    let ticks: u64 = f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
    std::time::Duration::from_millis(ticks * 10)
}
#[allow(dead_code)]
pub fn cpu() -> std::time::Duration {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    std::time::Duration::from_nanos(s.split_whitespace().next().unwrap().parse().unwrap())
}
