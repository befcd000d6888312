package io.flumelab.filechannel;

/**
 * The channel's queue at one point of its log: every queued event's pointer, head first (events of
 * open take transactions first, as a rollback would return them), and the log position the queue
 * reflects: replay starts there.
 *
 * @param writtenAtMillis when it was taken
 * @param position the pointer to where the next record was to be written
 * @param nextTransactionId the id the next transaction would have had
 * @param pointers the queued events
 */
record Checkpoint(long writtenAtMillis, long position, long nextTransactionId, long[] pointers) {

  int segment() {
    return Pointers.segment(position);
  }

  int offset() {
    return Pointers.offset(position);
  }
}
