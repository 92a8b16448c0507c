//! Storing and linking batch by batch: the same incidents as linking
//! everything at once, whatever the order and the batches; consistent
//! incidents after updates and after a kill.

mod common;
mod crash;
mod douma;
mod incremental;
