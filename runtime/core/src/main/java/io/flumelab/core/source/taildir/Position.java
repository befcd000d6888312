package io.flumelab.core.source.taildir;

/**
 * Where reading of one file resumes: the offset just after the last committed line.
 *
 * @param inode the file's inode, which survives a rename
 * @param pos the byte offset of the first line not yet committed
 * @param file the absolute path the file had when the position was taken
 */
record Position(long inode, long pos, String file) {}
