/**
 * The {@code hdfs} sink: events into HDFS files named by Flume's escape sequences, written as
 * plain text, compressed text or SequenceFiles, rolled by time, size and count.
 */
package io.flumelab.hdfs;
