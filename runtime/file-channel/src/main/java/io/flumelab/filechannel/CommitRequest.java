package io.flumelab.filechannel;

import java.io.IOException;

/**
 * One transaction's commit as it goes through the {@link GroupCommitter}: its sealed records, the
 * pointers it took, where the writer placed it, and how it ended. A transaction reuses its
 * request for its next commit.
 */
final class CommitRequest {

  final TransactionRecords records;
  /** The transaction's take list, which the queue forgets once the take is committed. */
  final TakeList takes;

  /** Room taken by the queue for this commit before it was written. */
  int reserved;

  // set by the writer (the group's leader)
  int segmentId;
  int offset;

  // guarded by the committer's lock
  boolean done;
  IOException failure;

  CommitRequest(TransactionRecords records, TakeList takes) {
    this.records = records;
    this.takes = takes;
  }

  void reset() {
    done = false;
    failure = null;
  }

  /** The pointer of the i-th put, once placed. */
  long putPointer(int index) {
    return Pointers.of(segmentId, offset + records.putOffset(index));
  }
}
