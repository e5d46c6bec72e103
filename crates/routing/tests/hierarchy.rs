//! The contraction hierarchy against answers worked out by hand and against Dijkstra.

use bleibe_routing::dijkstra::shortest_from;
use bleibe_routing::{synthetic, Arc, Hierarchy, RoadGraph};
use proptest::prelude::*;

fn graph(nodes: usize, arcs: &[(u32, u32, u32)]) -> RoadGraph {
    RoadGraph {
        coords: (0..nodes).map(|i| [52.0 + i as f64 * 0.01, 13.0]).collect(),
        arcs: arcs
            .iter()
            .map(|&(from, to, millis)| Arc { from, to, millis })
            .collect(),
    }
}

/// Every answer of `ch` from `source` to every node: query, one-to-many, many-to-many.
fn all_ways(ch: &Hierarchy, source: u32) -> [Vec<Option<u32>>; 3] {
    let targets: Vec<u32> = (0..ch.num_nodes() as u32).collect();
    [
        targets.iter().map(|&t| ch.query(source, t)).collect(),
        ch.one_to_many(source, &targets),
        ch.many_to_many(&[source], &targets),
    ]
}

/// Asserts that every way of asking gives `expected` from `source`.
fn assert_from(ch: &Hierarchy, source: u32, expected: &[Option<u32>]) {
    for (way, got) in ["query", "one_to_many", "many_to_many"]
        .iter()
        .zip(all_ways(ch, source))
    {
        assert_eq!(got, expected, "{way} from {source}");
    }
}

#[test]
fn diamond() {
    //     1
    //  3↗ ↑ ↘1
    // 0   1   3      the fastest 0 → 3 is 0 → 2 → 1 → 3 (1 + 1 + 1)
    //  1↘ |  ↗5
    //     2
    let g = graph(4, &[(0, 1, 3), (0, 2, 1), (2, 1, 1), (1, 3, 1), (2, 3, 5)]);
    let ch = Hierarchy::contract(&g);
    assert_eq!(ch.num_nodes(), 4);
    assert_from(&ch, 0, &[Some(0), Some(2), Some(1), Some(3)]);
    assert_from(&ch, 2, &[None, Some(1), Some(0), Some(2)]);
    assert_from(&ch, 3, &[None, None, None, Some(0)]);
}

#[test]
fn one_way_loop() {
    let g = graph(4, &[(0, 1, 10), (1, 2, 20), (2, 3, 30), (3, 0, 40)]);
    let ch = Hierarchy::contract(&g);
    assert_from(&ch, 0, &[Some(0), Some(10), Some(30), Some(60)]);
    assert_from(&ch, 1, &[Some(90), Some(0), Some(20), Some(50)]);
    assert_from(&ch, 3, &[Some(40), Some(50), Some(70), Some(0)]);
}

#[test]
fn a_shortcut_goes_one_way_only() {
    // 0 ⇄ 1 → 2 ⇄ 3 in a row, and a slow 0 → 3: contracting 1 or 2 gives shortcuts
    // 0 → 2 or 1 → 3, never backwards.
    let g = graph(
        4,
        &[
            (0, 1, 1),
            (1, 0, 1),
            (1, 2, 1),
            (2, 3, 1),
            (3, 2, 1),
            (0, 3, 100),
        ],
    );
    let ch = Hierarchy::contract(&g);
    assert_from(&ch, 0, &[Some(0), Some(1), Some(2), Some(3)]);
    assert_from(&ch, 3, &[None, None, Some(1), Some(0)]);
    assert_from(&ch, 2, &[None, None, Some(0), Some(1)]);
    assert_eq!(ch.query(3, 0), None);
}

#[test]
fn a_longer_direct_arc_loses_to_the_path_through_a_node() {
    // 0 → 1 → 2 takes 10, the direct 0 → 2 takes 20; a witness search must not keep 0 → 2.
    let g = graph(3, &[(0, 1, 5), (1, 2, 5), (0, 2, 20), (2, 0, 7)]);
    let ch = Hierarchy::contract(&g);
    assert_from(&ch, 0, &[Some(0), Some(5), Some(10)]);
    assert_from(&ch, 1, &[Some(12), Some(0), Some(5)]);
    assert_from(&ch, 2, &[Some(7), Some(12), Some(0)]);
}

#[test]
fn disconnected_nodes_are_unreachable() {
    // Two two-way pairs {0, 1} and {2, 3}, and node 4 alone.
    let g = graph(5, &[(0, 1, 4), (1, 0, 4), (2, 3, 6), (3, 2, 6)]);
    let ch = Hierarchy::contract(&g);
    assert_from(&ch, 0, &[Some(0), Some(4), None, None, None]);
    assert_from(&ch, 3, &[None, None, Some(6), Some(0), None]);
    assert_from(&ch, 4, &[None, None, None, None, Some(0)]);
}

#[test]
fn parallel_arcs_take_the_fastest_and_self_loops_do_nothing() {
    let g = graph(
        3,
        &[
            (0, 1, 7),
            (0, 1, 3),
            (0, 1, 5),
            (1, 0, 9),
            (0, 0, 1),
            (1, 2, 2),
            (1, 2, 1),
        ],
    );
    let ch = Hierarchy::contract(&g);
    assert_from(&ch, 0, &[Some(0), Some(3), Some(4)]);
    assert_from(&ch, 1, &[Some(9), Some(0), Some(1)]);
}

#[test]
fn times_saturate_instead_of_overflowing() {
    let big = u32::MAX - 10;
    let g = graph(4, &[(0, 1, big), (1, 2, 20), (2, 3, 5), (3, 0, u32::MAX)]);
    let ch = Hierarchy::contract(&g);
    // 0 → 2 would take more than u32::MAX ms: unreachable, as for Dijkstra.
    assert_from(&ch, 0, &[Some(0), Some(big), None, None]);
    assert_from(&ch, 1, &[None, Some(0), Some(20), Some(25)]);
    assert_eq!(shortest_from(&g, 0), vec![Some(0), Some(big), None, None]);
}

#[test]
fn nodes_that_do_not_exist_and_empty_lists() {
    let g = graph(2, &[(0, 1, 1), (7, 0, 1), (0, 9, 1)]);
    let ch = Hierarchy::contract(&g);
    assert_eq!(ch.query(0, 2), None);
    assert_eq!(ch.query(5, 5), None);
    assert_eq!(ch.one_to_many(9, &[0, 1]), vec![None, None]);
    assert_eq!(
        ch.one_to_many(0, &[1, 5, 1, 0]),
        vec![Some(1), None, Some(1), Some(0)]
    );
    assert_eq!(ch.one_to_many(0, &[]), vec![]);
    assert_eq!(ch.many_to_many(&[], &[0, 1]), vec![]);
    assert_eq!(ch.many_to_many(&[0, 1], &[]), vec![]);
    assert_eq!(
        ch.many_to_many(&[0, 3, 1], &[1, 0]),
        vec![Some(1), Some(0), None, None, Some(0), None]
    );
    let empty = Hierarchy::contract(&RoadGraph::default());
    assert_eq!(empty.num_nodes(), 0);
    assert_eq!(empty.query(0, 0), None);
}

#[test]
fn prepared_targets_answer_as_one_to_many() {
    let g = graph(5, &[(0, 1, 3), (1, 2, 4), (2, 0, 5), (2, 3, 1), (3, 2, 1)]);
    let ch = Hierarchy::contract(&g);
    let targets = [3, 9, 0, 3, 4, 1];
    let prepared = ch.prepare_targets(&targets);
    assert_eq!(prepared.targets(), &targets);
    assert_eq!(
        ch.one_to_prepared(0, &prepared),
        vec![Some(8), None, Some(0), Some(8), None, Some(3)]
    );
    assert_eq!(
        ch.one_to_prepared(3, &prepared),
        vec![Some(0), None, Some(6), Some(0), None, Some(9)]
    );
    assert_eq!(ch.one_to_prepared(7, &prepared), vec![None; 6]);
    let none = ch.prepare_targets(&[]);
    assert_eq!(ch.one_to_prepared(0, &none), vec![]);
    // The same list twice in a row is prepared inside one_to_many: same answers.
    for _ in 0..3 {
        assert_eq!(
            ch.one_to_many(2, &targets),
            vec![Some(1), None, Some(5), Some(1), None, Some(8)]
        );
    }
}

#[test]
fn a_synthetic_road_graph_agrees_with_dijkstra() {
    let g = synthetic::road_like(3_000, 11);
    let ch = Hierarchy::contract(&g);
    assert_eq!(ch.coords(), &g.coords[..]);
    let nodes: Vec<u32> = (0..3_000).step_by(97).collect();
    let matrix = ch.many_to_many(&nodes, &nodes);
    for (i, &s) in nodes.iter().enumerate() {
        let reference = shortest_from(&g, s);
        let expected: Vec<Option<u32>> = nodes.iter().map(|&t| reference[t as usize]).collect();
        assert_eq!(
            &matrix[i * nodes.len()..(i + 1) * nodes.len()],
            &expected[..]
        );
        assert_eq!(ch.one_to_many(s, &nodes), expected);
        if i % 5 == 0 {
            let all: Vec<u32> = (0..3_000).collect();
            assert_eq!(ch.one_to_many(s, &all), reference);
        }
    }
}

#[test]
fn save_and_load_keep_every_answer() {
    let g = synthetic::road_like(500, 3);
    let ch = Hierarchy::contract(&g);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roads.ch");
    ch.save(&path).unwrap();
    let loaded = Hierarchy::load(&path).unwrap();
    assert_eq!(loaded.coords(), ch.coords());
    assert_eq!(loaded.num_arcs(), ch.num_arcs());
    let all: Vec<u32> = (0..500).collect();
    assert_eq!(loaded.many_to_many(&all, &all), ch.many_to_many(&all, &all));
    assert!(!dir.path().join("roads.ch.tmp").exists());
}

#[test]
fn a_wrong_file_is_an_error_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let ch = Hierarchy::contract(&synthetic::road_like(50, 1));
    let path = dir.path().join("roads.ch");
    ch.save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let message = |content: &[u8]| {
        std::fs::write(&path, content).unwrap();
        let e = Hierarchy::load(&path).expect_err("must not load");
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidData, "{e}");
        e.to_string()
    };
    assert!(message(b"hello").contains("not a bleibe hierarchy file"));
    assert!(message(b"PK\x03\x04 a zip, not ours").contains("wrong magic"));
    assert!(message(&bytes[..bytes.len() / 2]).contains("truncated"));
    assert!(message(&bytes[..bytes.len() - 1]).contains("truncated"));
    let mut newer = bytes.clone();
    newer[8] = 2;
    assert!(message(&newer).contains("version 2"));
    let mut flipped = bytes.clone();
    flipped[bytes.len() - 20] ^= 0x10;
    assert!(message(&flipped).contains("checksum"));
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(message(&longer).contains("corrupt"));
    let missing = Hierarchy::load(&dir.path().join("nothing.ch")).unwrap_err();
    assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
}

/// A random directed graph: up to 200 nodes, arcs mostly short, some zero, a few huge.
fn random_graph() -> impl Strategy<Value = RoadGraph> {
    (1usize..200).prop_flat_map(|n| {
        let weight = prop_oneof![
            20 => 1u32..1_000,
            2 => Just(0u32),
            1 => (u32::MAX / 2)..=u32::MAX,
        ];
        let arc = (0..n as u32, 0..n as u32, weight);
        proptest::collection::vec(arc, 0..4 * n).prop_map(move |arcs| graph(n, &arcs))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_query_equals_dijkstra(g in random_graph(), picks in proptest::collection::vec(any::<u32>(), 1..8)) {
        let ch = Hierarchy::contract(&g);
        let n = g.coords.len() as u32;
        let sources: Vec<u32> = picks.iter().map(|p| p % n).collect();
        let targets: Vec<u32> = (0..n).collect();
        let matrix = ch.many_to_many(&sources, &targets);
        for (i, &s) in sources.iter().enumerate() {
            let expected = shortest_from(&g, s);
            let [query, one_to_many, many_to_many] = all_ways(&ch, s);
            prop_assert_eq!(&query, &expected, "query from {}", s);
            prop_assert_eq!(&one_to_many, &expected, "one_to_many from {}", s);
            prop_assert_eq!(&many_to_many, &expected, "many_to_many from {}", s);
            let row = &matrix[i * targets.len()..(i + 1) * targets.len()];
            prop_assert_eq!(row, &expected[..], "row {} of the matrix", i);
        }
        // A few targets, some twice: the sweep over a small closure.
        let few: Vec<u32> = picks.iter().map(|p| (p >> 8) % n).collect();
        let expected: Vec<Option<u32>> = few.iter().map(|&t| shortest_from(&g, sources[0])[t as usize]).collect();
        prop_assert_eq!(&ch.one_to_many(sources[0], &few), &expected);
        // Prepared (RPHAST), and prepared by another hierarchy (answered without).
        let prepared = ch.prepare_targets(&few);
        prop_assert_eq!(&ch.one_to_prepared(sources[0], &prepared), &expected);
        prop_assert_eq!(&ch.clone().one_to_prepared(sources[0], &prepared), &expected);
    }

    #[test]
    fn save_then_load_gives_the_same_answers(g in random_graph()) {
        let ch = Hierarchy::contract(&g);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.ch");
        ch.save(&path).unwrap();
        let loaded = Hierarchy::load(&path).unwrap();
        let all: Vec<u32> = (0..g.coords.len() as u32).collect();
        prop_assert_eq!(loaded.coords(), &g.coords[..]);
        prop_assert_eq!(loaded.many_to_many(&all, &all), ch.many_to_many(&all, &all));
    }

    #[test]
    fn a_damaged_file_never_loads(g in random_graph(), cut in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), flip in 1u8..=255) {
        let ch = Hierarchy::contract(&g);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.ch");
        ch.save(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..cut.index(bytes.len())]).unwrap();
        prop_assert!(Hierarchy::load(&path).is_err());
        let mut damaged = bytes.clone();
        damaged[at.index(bytes.len())] ^= flip;
        std::fs::write(&path, &damaged).unwrap();
        prop_assert!(Hierarchy::load(&path).is_err());
    }
}
