//! The hierarchy file: little-endian, in this order
//!
//! ```text
//! magic       8 bytes  "BLBRTCH\n"
//! version     u32      FORMAT_VERSION
//! nodes       u64      n
//! up arcs     u64      m_up
//! down arcs   u64      m_down
//! id          n × u32            internal id of every input node (a permutation)
//! up_first    (n + 1) × u32      CSR offsets by internal id
//! up          m_up × (u32, u32)  (head, ms)
//! down_first  (n + 1) × u32
//! down        m_down × (u32, u32)
//! coords      n × (f64, f64)     latitude, longitude by input node
//! checksum    u64                over every 32-bit word after the magic
//! ```

use super::{Edge, Hierarchy};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

const MAGIC: &[u8; 8] = b"BLBRTCH\n";
/// Bumped whenever the layout changes; files of other versions are refused.
const FORMAT_VERSION: u32 = 1;
/// Bytes before the arrays: magic, version, three counts.
const HEADER_BYTES: u64 = 8 + 4 + 3 * 8;

/// A running checksum over 32-bit words: any single changed word changes it.
struct Checksum(u64);

impl Checksum {
    #[inline]
    fn word(&mut self, w: u32) {
        self.0 = (self.0 ^ u64::from(w)).wrapping_mul(0x0000_0100_0000_01B3);
        self.0 ^= self.0 >> 29;
    }
}

struct Writer<W: Write> {
    out: W,
    sum: Checksum,
}

impl<W: Write> Writer<W> {
    fn u32(&mut self, v: u32) -> io::Result<()> {
        self.sum.word(v);
        self.out.write_all(&v.to_le_bytes())
    }

    fn u64(&mut self, v: u64) -> io::Result<()> {
        self.u32(v as u32)?;
        self.u32((v >> 32) as u32)
    }

    fn u32s(&mut self, values: impl Iterator<Item = u32>) -> io::Result<()> {
        for v in values {
            self.u32(v)?;
        }
        Ok(())
    }
}

pub(super) fn save(ch: &Hierarchy, path: &Path) -> io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    let temporary = path.with_file_name(name);
    let written = write(ch, &temporary).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

fn write(ch: &Hierarchy, path: &Path) -> io::Result<()> {
    let file = File::create(path)?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    out.write_all(MAGIC)?;
    let mut w = Writer {
        out,
        sum: Checksum(0),
    };
    w.u32(FORMAT_VERSION)?;
    w.u64(ch.id.len() as u64)?;
    w.u64(ch.up.len() as u64)?;
    w.u64(ch.down.len() as u64)?;
    w.u32s(ch.id.iter().copied())?;
    for (first, edges) in [(&ch.up_first, &ch.up), (&ch.down_first, &ch.down)] {
        w.u32s(first.iter().copied())?;
        w.u32s(edges.iter().flat_map(|e| [e.head, e.weight]))?;
    }
    for c in &ch.coords {
        for x in c {
            w.u64(x.to_bits())?;
        }
    }
    let sum = w.sum.0;
    w.out.write_all(&sum.to_le_bytes())?;
    w.out.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// An `InvalidData` error about the file at `path`.
fn invalid(path: &Path, what: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{}: {what}", path.display()),
    )
}

struct Reader<R: Read> {
    input: R,
    sum: Checksum,
    buffer: Vec<u8>,
}

impl<R: Read> Reader<R> {
    fn u32(&mut self) -> io::Result<u32> {
        let mut b = [0; 4];
        self.input.read_exact(&mut b)?;
        let v = u32::from_le_bytes(b);
        self.sum.word(v);
        Ok(v)
    }

    fn u64(&mut self) -> io::Result<u64> {
        let low = self.u32()?;
        let high = self.u32()?;
        Ok(u64::from(low) | (u64::from(high) << 32))
    }

    /// `count` words, read in blocks.
    fn u32s(&mut self, count: usize) -> io::Result<Vec<u32>> {
        let mut values = Vec::with_capacity(count);
        while values.len() < count {
            let words = (count - values.len()).min(1 << 16);
            self.buffer.resize(words * 4, 0);
            self.input.read_exact(&mut self.buffer)?;
            for b in self.buffer.chunks_exact(4) {
                let v = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                self.sum.word(v);
                values.push(v);
            }
        }
        Ok(values)
    }
}

pub(super) fn load(path: &Path) -> io::Result<Hierarchy> {
    let file = File::open(path)?;
    let length = file.metadata()?.len();
    let mut input = BufReader::with_capacity(1 << 20, file);
    let mut magic = [0; 8];
    input
        .read_exact(&mut magic)
        .map_err(|_| invalid(path, "not a bleibe hierarchy file (too short)"))?;
    if &magic != MAGIC {
        return Err(invalid(path, "not a bleibe hierarchy file (wrong magic)"));
    }
    let mut r = Reader {
        input,
        sum: Checksum(0),
        buffer: Vec::new(),
    };
    read(&mut r, path, length).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => invalid(path, "truncated hierarchy file"),
        _ => e,
    })
}

fn read<R: Read>(r: &mut Reader<R>, path: &Path, length: u64) -> io::Result<Hierarchy> {
    let version = r.u32()?;
    if version != FORMAT_VERSION {
        return Err(invalid(
            path,
            format!(
                "hierarchy file format version {version}, this build reads version \
                 {FORMAT_VERSION}: build the hierarchy again"
            ),
        ));
    }
    let (n, m_up, m_down) = (r.u64()?, r.u64()?, r.u64()?);
    if n > u64::from(u32::MAX) || m_up > u64::from(u32::MAX) || m_down > u64::from(u32::MAX) {
        return Err(invalid(
            path,
            "corrupt hierarchy file (counts out of range)",
        ));
    }
    // The length the counts imply, checked before anything is allocated.
    let expected = HEADER_BYTES + 4 * n + 2 * 4 * (n + 1) + 8 * (m_up + m_down) + 16 * n + 8;
    if length < expected {
        return Err(invalid(
            path,
            format!("truncated hierarchy file ({length} bytes, {expected} expected)"),
        ));
    }
    if length > expected {
        return Err(invalid(
            path,
            format!("corrupt hierarchy file ({length} bytes, {expected} expected)"),
        ));
    }
    let n = n as usize;
    let corrupt = |what: &str| invalid(path, format!("corrupt hierarchy file ({what})"));

    let id = r.u32s(n)?;
    let mut seen = vec![false; n];
    for &i in &id {
        match seen.get_mut(i as usize) {
            Some(s) if !*s => *s = true,
            _ => return Err(corrupt("node numbering is no permutation")),
        }
    }
    drop(seen);
    let mut csr = Vec::with_capacity(2);
    for m in [m_up, m_down] {
        let first = r.u32s(n + 1)?;
        if first[0] != 0 || first[n] as u64 != m || first.windows(2).any(|w| w[0] > w[1]) {
            return Err(corrupt("arc offsets"));
        }
        let words = r.u32s(2 * m as usize)?;
        let edges: Vec<Edge> = words
            .chunks_exact(2)
            .map(|w| Edge {
                head: w[0],
                weight: w[1],
            })
            .collect();
        drop(words);
        // Every arc leads to a more important node (a smaller internal id).
        for v in 0..n {
            if edges[first[v] as usize..first[v + 1] as usize]
                .iter()
                .any(|e| e.head as usize >= v)
            {
                return Err(corrupt("an arc leads down the hierarchy"));
            }
        }
        csr.push((first, edges));
    }
    let words = r.u32s(4 * n)?;
    let coords: Vec<[f64; 2]> = words
        .chunks_exact(4)
        .map(|w| {
            let lat = u64::from(w[0]) | (u64::from(w[1]) << 32);
            let lon = u64::from(w[2]) | (u64::from(w[3]) << 32);
            [f64::from_bits(lat), f64::from_bits(lon)]
        })
        .collect();
    drop(words);
    let computed = r.sum.0;
    let mut stored = [0; 8];
    r.input.read_exact(&mut stored)?;
    if u64::from_le_bytes(stored) != computed {
        return Err(invalid(path, "corrupt hierarchy file (checksum mismatch)"));
    }
    let (down_first, down) = csr.pop().unwrap_or_default();
    let (up_first, up) = csr.pop().unwrap_or_default();
    Ok(Hierarchy::from_parts(
        id, up_first, up, down_first, down, coords,
    ))
}
