//! The build tool's one way to spread work over threads.

use anyhow::{anyhow, Result};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Every core this machine offers.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work` on every item, on `workers` threads that each take the next item
/// (items can differ a lot in cost: a page against a document, a slow
/// answer against a quick one). The results come in the items' order; the
/// first error stops the threads from taking more.
pub fn each<T: Sync, R: Send>(
    workers: usize,
    items: &[T],
    work: impl Fn(&T) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    let next = AtomicUsize::new(0);
    let (next, work) = (&next, &work);
    let done: Vec<Result<Vec<(usize, R)>>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..workers.clamp(1, items.len().max(1)))
            .map(|_| {
                scope.spawn(move || {
                    let mut results = Vec::new();
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(n) else {
                            return Ok(results);
                        };
                        match work(item) {
                            Ok(result) => results.push((n, result)),
                            Err(error) => {
                                next.store(items.len(), Ordering::Relaxed);
                                return Err(error);
                            }
                        }
                    }
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().map_err(|_| anyhow!("a worker thread panicked"))?)
            .collect()
    });
    let mut results = Vec::with_capacity(items.len());
    for part in done {
        results.extend(part?);
    }
    results.sort_by_key(|(n, _)| *n);
    Ok(results.into_iter().map(|(_, r)| r).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_and_the_first_error_stops_the_rest() {
        let items: Vec<u64> = (0..200).collect();
        let squares = each(3, &items, |n| Ok(n * n)).unwrap_or_default();
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert_eq!(
            each(4, &[] as &[u64], |n| Ok(*n)).map(|v| v.len()).ok(),
            Some(0)
        );
        // One worker: exactly the items up to the failing one are taken.
        // Two: the other worker stops too (each later item takes 2 ms, so
        // the rest would take 380 ms: a busy machine cannot hide it).
        for (workers, most) in [(1, 11), (2, 100)] {
            let taken = AtomicUsize::new(0);
            let failed = each(workers, &items, |n| {
                taken.fetch_add(1, Ordering::Relaxed);
                match n {
                    10 => Err(anyhow!("item 10")),
                    n if *n > 10 => {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                        Ok(())
                    }
                    _ => Ok(()),
                }
            });
            assert_eq!(
                failed.err().map(|e| e.to_string()).as_deref(),
                Some("item 10")
            );
            let taken = taken.load(Ordering::Relaxed);
            assert!(taken <= most, "{workers} workers took {taken} items");
        }
    }
}
