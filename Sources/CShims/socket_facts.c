#include "cshims.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL  // a pidfd for one thread (Linux 6.9+)
#endif

// TCP states from include/net/tcp_states.h: the ones in which the peer's FIN has arrived.
enum { TCP_STATE_TIME_WAIT = 6, TCP_STATE_CLOSE_WAIT = 8, TCP_STATE_LAST_ACK = 9, TCP_STATE_CLOSING = 11 };

int zc_tcp_socket_bytes(int tid, int tgid, int fd, uint64_t *sent, uint64_t *received) {
    int process = (int)syscall(SYS_pidfd_open, tid, PIDFD_THREAD);
    if (process < 0) process = (int)syscall(SYS_pidfd_open, tgid, 0);
    if (process < 0) return -1;
    int socket = (int)syscall(SYS_pidfd_getfd, process, fd, 0);
    int saved = errno;
    close(process);
    if (socket < 0) {
        errno = saved;
        return -1;
    }
    struct tcp_info info;
    memset(&info, 0, sizeof info);
    socklen_t length = sizeof info;
    int ok = getsockopt(socket, IPPROTO_TCP, TCP_INFO, &info, &length) == 0 &&
             length >= offsetof(struct tcp_info, tcpi_bytes_retrans) + sizeof info.tcpi_bytes_retrans;
    close(socket);
    if (!ok) return -1;
    // What the program handed to the socket: sent less retransmissions, plus what still waits.
    *sent = info.tcpi_bytes_sent - info.tcpi_bytes_retrans + info.tcpi_notsent_bytes;
    // bytes_received follows rcv_nxt, which the peer's FIN advances by one: not a byte of data.
    uint64_t in = info.tcpi_bytes_received;
    int fin = info.tcpi_state == TCP_STATE_CLOSE_WAIT || info.tcpi_state == TCP_STATE_LAST_ACK ||
              info.tcpi_state == TCP_STATE_CLOSING || info.tcpi_state == TCP_STATE_TIME_WAIT;
    if (fin && in > 0) in--;
    *received = in;
    return 0;
}

int zc_unix_socket_describe(uint32_t inode, char *name, size_t size, uint32_t *peer, int *datagram) {
    int diag = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (diag < 0) return -1;
    struct {
        struct nlmsghdr header;
        struct unix_diag_req request;
    } message = {
        .header = {.nlmsg_len = sizeof message, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST},
        .request = {.sdiag_family = AF_UNIX,
                    .udiag_states = ~0u,
                    .udiag_ino = inode,
                    .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
                    .udiag_cookie = {~0u, ~0u}},
    };
    char reply[8192];
    int found = -1;
    name[0] = 0;
    *peer = 0;
    *datagram = 0;
    if (send(diag, &message, sizeof message, 0) == (ssize_t)sizeof message) {
        ssize_t count = recv(diag, reply, sizeof reply, 0);
        struct nlmsghdr *header = (struct nlmsghdr *)reply;
        if (count > 0 && NLMSG_OK(header, (unsigned)count) && header->nlmsg_type == SOCK_DIAG_BY_FAMILY) {
            struct unix_diag_msg *socket_message = NLMSG_DATA(header);
            int length = (int)(header->nlmsg_len - NLMSG_LENGTH(sizeof *socket_message));
            for (struct rtattr *attribute = (struct rtattr *)(socket_message + 1); RTA_OK(attribute, length);
                 attribute = RTA_NEXT(attribute, length)) {
                if (attribute->rta_type == UNIX_DIAG_NAME && size > 1) {
                    size_t payload = RTA_PAYLOAD(attribute);
                    if (payload > size - 1) payload = size - 1;
                    memcpy(name, RTA_DATA(attribute), payload);
                    name[payload] = 0;
                    if (payload > 0 && name[0] == 0) name[0] = '@';  // an abstract name
                } else if (attribute->rta_type == UNIX_DIAG_PEER) {
                    memcpy(peer, RTA_DATA(attribute), sizeof *peer);
                }
            }
            *datagram = socket_message->udiag_type == SOCK_DGRAM;
            found = 0;
        }
    }
    close(diag);
    return found;
}
