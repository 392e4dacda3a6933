//! A small fault-injecting TCP proxy for the sync fault suite.
//!
//! It listens on a loopback port the OS picks and forwards every connection to an upstream address
//! (the clinic server), byte for byte: desks pin the server's certificate by fingerprint, so TLS
//! passes through untouched and the proxy sees only ciphertext. What it does to the bytes is set
//! by the test at any time ([`FaultProxy::set`]) and read again for every chunk, so a fault can
//! start in the middle of a request:
//!
//! * **offline**: new connections are accepted and closed at once (the desk sees a reset during
//!   its TLS handshake, as with a cable pulled out); [`FaultProxy::cut_all`] ends live ones too;
//! * **cut after N bytes** client→server (mid-request) or server→client (mid-response), counted
//!   per connection from its start (the TLS handshake included): the proxy forwards exactly N
//!   bytes, then closes both sides;
//! * **delay**: every chunk waits D before it is forwarded (with several desks behind their own
//!   proxies, concurrent answers then arrive in another order than their requests).
//!
//! Plain std threads: one accepting, two per connection (one per direction). Dropping the proxy
//! closes the listener and every live connection and joins all of its threads.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the proxy does to traffic from now on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    /// Refuse new connections.
    pub offline: bool,
    /// Close a connection once this many bytes went client→server on it.
    pub cut_request_after: Option<u64>,
    /// Close a connection once this many bytes went server→client on it.
    pub cut_response_after: Option<u64>,
    /// Hold every chunk this long before forwarding it.
    pub delay: Duration,
}

impl Faults {
    /// Everything passes.
    pub const PASS: Faults = Faults {
        offline: false,
        cut_request_after: None,
        cut_response_after: None,
        delay: Duration::ZERO,
    };
}

/// State shared by the proxy's threads.
#[derive(Debug, Default)]
struct Shared {
    faults: Mutex<Faults>,
    upstream: Mutex<Option<SocketAddr>>,
    stopping: AtomicBool,
    /// Both sockets of every live connection, so they can be closed from outside.
    live: Mutex<HashMap<u64, (TcpStream, TcpStream)>>,
    next_id: AtomicU64,
    threads: Mutex<Vec<JoinHandle<()>>>,
    /// Connections cut by a byte budget (for the test's log).
    cuts: AtomicU64,
}

/// A poisoned lock means a proxy thread panicked; the data (plain settings) are still usable,
/// and the proxy must keep forwarding rather than take the test down with a second panic.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running proxy; see the module documentation.
#[derive(Debug)]
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl FaultProxy {
    /// Starts a proxy on 127.0.0.1:0 forwarding to `upstream`, passing everything.
    pub fn start(upstream: SocketAddr) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let addr = listener.local_addr().expect("the proxy's address");
        let shared = Arc::new(Shared::default());
        *lock(&shared.upstream) = Some(upstream);
        let accept = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("fault-proxy-accept".into())
                .spawn(move || accept_loop(&listener, &shared))
                .expect("spawn the proxy")
        };
        FaultProxy {
            addr,
            shared,
            accept: Some(accept),
        }
    }

    /// Where desks connect.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The faults from now on (live connections see them from their next chunk).
    pub fn set(&self, faults: Faults) {
        *lock(&self.shared.faults) = faults;
    }

    pub fn faults(&self) -> Faults {
        *lock(&self.shared.faults)
    }

    /// Forwards new connections to `upstream` from now on (a server restarted elsewhere).
    pub fn set_upstream(&self, upstream: SocketAddr) {
        *lock(&self.shared.upstream) = Some(upstream);
    }

    /// Closes every live connection, both ways.
    pub fn cut_all(&self) {
        for (_, (client, server)) in lock(&self.shared.live).drain() {
            let _ = client.shutdown(Shutdown::Both);
            let _ = server.shutdown(Shutdown::Both);
        }
    }

    /// How many connections a byte budget has cut so far.
    pub fn cuts(&self) -> u64 {
        self.shared.cuts.load(Ordering::Relaxed)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // A blocking accept wakes only for a connection: make one.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
        self.cut_all();
        let threads = std::mem::take(&mut *lock(&self.shared.threads));
        for thread in threads {
            let _ = thread.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for client in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(client) = client else { continue };
        if lock(&shared.faults).offline {
            // Closed before a byte is read: the desk's handshake fails as if nobody answered.
            let _ = client.shutdown(Shutdown::Both);
            continue;
        }
        let shared2 = shared.clone();
        let handle = std::thread::Builder::new()
            .name("fault-proxy-conn".into())
            .spawn(move || connection(client, &shared2));
        let mut threads = lock(&shared.threads);
        threads.retain(|t| !t.is_finished());
        if let Ok(handle) = handle {
            threads.push(handle);
        }
    }
}

/// One connection: connects upstream, pumps both ways until either side ends or a fault cuts it.
fn connection(client: TcpStream, shared: &Arc<Shared>) {
    let Some(upstream) = *lock(&shared.upstream) else {
        return;
    };
    let Ok(server) = TcpStream::connect_timeout(&upstream, Duration::from_secs(5)) else {
        // The server is down: the desk sees the connection close, as it would without a proxy.
        let _ = client.shutdown(Shutdown::Both);
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
    let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    lock(&shared.live).insert(id, (c2, s2));
    // Stopping drains `live` after setting the flag: a connection inserted too late to be
    // drained sees the flag here, so no pump outlives the proxy.
    if shared.stopping.load(Ordering::SeqCst) {
        if let Some((c, s)) = lock(&shared.live).remove(&id) {
            let _ = c.shutdown(Shutdown::Both);
            let _ = s.shutdown(Shutdown::Both);
        }
        return;
    }
    let (Ok(c3), Ok(s3)) = (client.try_clone(), server.try_clone()) else {
        lock(&shared.live).remove(&id);
        return;
    };
    let up = {
        let shared = shared.clone();
        std::thread::Builder::new()
            .name("fault-proxy-up".into())
            .spawn(move || pump(c3, s3, Direction::Request, &shared))
    };
    pump(server, client, Direction::Response, shared);
    if let Ok(up) = up {
        let _ = up.join();
    }
    lock(&shared.live).remove(&id);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Response,
}

/// Copies `from` to `to` chunk by chunk under the faults in force for each chunk.
fn pump(mut from: TcpStream, mut to: TcpStream, direction: Direction, shared: &Shared) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut sent: u64 = 0;
    let close = |from: &TcpStream, to: &TcpStream| {
        let _ = from.shutdown(Shutdown::Both);
        let _ = to.shutdown(Shutdown::Both);
    };
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => {
                // A half-close passes on: HTTP and TLS both read it as the end of the stream.
                let _ = to.shutdown(Shutdown::Write);
                return;
            }
            Ok(n) => n,
            Err(_) => return close(&from, &to),
        };
        let faults = *lock(&shared.faults);
        if shared.stopping.load(Ordering::SeqCst) {
            return close(&from, &to);
        }
        if !faults.delay.is_zero() {
            std::thread::sleep(faults.delay);
        }
        let budget = match direction {
            Direction::Request => faults.cut_request_after,
            Direction::Response => faults.cut_response_after,
        };
        let allowed = budget.map_or(n as u64, |limit| limit.saturating_sub(sent).min(n as u64));
        if allowed > 0 && to.write_all(&buf[..allowed as usize]).is_err() {
            return close(&from, &to);
        }
        sent += allowed;
        if allowed < n as u64 {
            shared.cuts.fetch_add(1, Ordering::Relaxed);
            return close(&from, &to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An upstream that echoes everything back.
    fn echo() -> (SocketAddr, JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let handle = std::thread::spawn(move || {
            for stream in listener.incoming().take(3) {
                let Ok(mut stream) = stream else { continue };
                std::thread::spawn(move || {
                    let mut buf = [0u8; 1024];
                    while let Ok(n) = stream.read(&mut buf) {
                        if n == 0 || stream.write_all(&buf[..n]).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        (addr, handle)
    }

    fn read_all(stream: &mut TcpStream) -> Vec<u8> {
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out);
        out
    }

    #[test]
    fn passes_cuts_and_refuses() {
        let (upstream, _echo) = echo();
        let proxy = FaultProxy::start(upstream);

        let mut a = TcpStream::connect(proxy.addr()).expect("connect");
        a.write_all(b"hello").expect("write");
        a.shutdown(Shutdown::Write).expect("half-close");
        assert_eq!(read_all(&mut a), b"hello");

        // Cut after 3 bytes of the answer: exactly 3 arrive, then the end.
        proxy.set(Faults {
            cut_response_after: Some(3),
            ..Faults::PASS
        });
        let mut b = TcpStream::connect(proxy.addr()).expect("connect");
        b.write_all(b"hello").expect("write");
        assert_eq!(read_all(&mut b), b"hel");
        assert_eq!(proxy.cuts(), 1);

        // Offline: the connection closes without an answer.
        proxy.set(Faults {
            offline: true,
            ..Faults::PASS
        });
        let mut c = TcpStream::connect(proxy.addr()).expect("connect");
        let _ = c.write_all(b"hello");
        assert_eq!(read_all(&mut c), b"");
        drop(proxy);
    }
}
