/**
 * The {@code file} channel: Apache Flume 1.11's keys and defaults on a design of FlumeLab's own.
 *
 * <p>Events live in a write-ahead log of checksummed records ({@link LogRecords}), written in
 * segments ({@link SegmentFiles}) that rotate across the data directories. A transaction buffers
 * its records ({@link TransactionBuffer}) and appends them with a COMMIT record in one write at
 * commit; concurrent commits share one write and one fsync ({@link GroupCommitter}). The queue in
 * memory holds only pointers into the log ({@link PointerRing}); a take reads its event back
 * ({@link EventReader}). A periodic {@link Checkpoint} bounds the replay that {@link Recovery}
 * does at start, and lets old segments go. {@link ChannelInspector} reads the same files offline.
 * See docs/file-channel.md.
 */
package io.flumelab.filechannel;
