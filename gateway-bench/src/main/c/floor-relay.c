/*
 * floor-relay: the least a UDP relay can do, to measure what the RTP load tool's host allows.
 *
 * One pair of IPv4 sockets per stream; each socket latches the first address it hears from and
 * forwards what it receives to the address the other socket of its pair latched (nothing before
 * that). No validation, statistics or timers: one recvfrom and one sendto per packet, on
 * level-triggered epoll, like any relay's forwarding path with everything else taken out. The
 * latency and CPU time it shows under RtpLoadTool are the floor of that host and harness, not a
 * relay to run.
 *
 *   gcc -O2 -pthread -o /tmp/floor-relay gateway-bench/src/main/c/floor-relay.c
 *   /tmp/floor-relay STREAMS FIRST_PORT THREADS PAIRS_FILE [ADDRESS]
 *
 * writes PAIRS_FILE for `RtpLoadTool --relay pairs --pairs PAIRS_FILE`, prints "ready" and
 * forwards until killed. Ports FIRST_PORT .. FIRST_PORT + 4 * STREAMS - 2 (even ones) are used.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_THREADS 16
#define EVENTS 256

struct port {
    int fd;
    int latched;
    struct sockaddr_in peer;
    struct port *other;
};

static struct port *ports;
static int streams;
static int threads;

/* Forwards the packets of the streams whose number is congruent to the thread's index. */
static void *forward(void *arg) {
    long index = (long) arg;
    int epoll = epoll_create1(0);
    if (epoll < 0) {
        perror("epoll_create1");
        exit(1);
    }
    for (int stream = (int) index; stream < streams; stream += threads) {
        for (int side = 0; side < 2; side++) {
            struct port *port = &ports[2 * stream + side];
            struct epoll_event event = {.events = EPOLLIN, .data.ptr = port};
            if (epoll_ctl(epoll, EPOLL_CTL_ADD, port->fd, &event) < 0) {
                perror("epoll_ctl");
                exit(1);
            }
        }
    }
    struct epoll_event events[EVENTS];
    char packet[2048];
    for (;;) {
        int ready = epoll_wait(epoll, events, EVENTS, -1);
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("epoll_wait");
            exit(1);
        }
        for (int i = 0; i < ready; i++) {
            struct port *port = events[i].data.ptr;
            struct sockaddr_in from;
            socklen_t length = sizeof from;
            ssize_t size = recvfrom(port->fd, packet, sizeof packet, MSG_DONTWAIT,
                                    (struct sockaddr *) &from, &length);
            if (size <= 0) {
                continue;
            }
            if (!port->latched) {
                port->peer = from;
                port->latched = 1;
            }
            struct port *out = port->other;
            if (out->latched) {
                sendto(out->fd, packet, (size_t) size, 0, (struct sockaddr *) &out->peer, sizeof out->peer);
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s STREAMS FIRST_PORT THREADS PAIRS_FILE [ADDRESS]\n", argv[0]);
        return 2;
    }
    streams = atoi(argv[1]);
    int first = atoi(argv[2]);
    threads = atoi(argv[3]);
    const char *address = argc > 5 ? argv[5] : "127.0.0.1";
    if (streams <= 0 || first <= 0 || first % 2 != 0 || first + 4 * streams > 65536
            || threads <= 0 || threads > MAX_THREADS) {
        fprintf(stderr, "streams > 0, an even first port with room for 4 ports per stream, 1-%d threads\n",
                MAX_THREADS);
        return 2;
    }
    struct in_addr local;
    if (inet_pton(AF_INET, address, &local) != 1) {
        fprintf(stderr, "not an IPv4 address: %s\n", address);
        return 2;
    }
    ports = calloc((size_t) streams * 2, sizeof *ports);
    FILE *pairs = fopen(argv[4], "w");
    if (ports == NULL || pairs == NULL) {
        perror(argv[4]);
        return 1;
    }
    for (int stream = 0; stream < streams; stream++) {
        for (int side = 0; side < 2; side++) {
            struct port *port = &ports[2 * stream + side];
            port->other = &ports[2 * stream + 1 - side];
            port->fd = socket(AF_INET, SOCK_DGRAM, 0);
            struct sockaddr_in bound = {.sin_family = AF_INET, .sin_addr = local,
                                        .sin_port = htons((uint16_t) (first + 4 * stream + 2 * side))};
            if (port->fd < 0 || bind(port->fd, (struct sockaddr *) &bound, sizeof bound) < 0) {
                fprintf(stderr, "port %d: %s\n", first + 4 * stream + 2 * side, strerror(errno));
                return 1;
            }
        }
        fprintf(pairs, "%s:%d %s:%d\n", address, first + 4 * stream, address, first + 4 * stream + 2);
    }
    fclose(pairs);
    pthread_t workers[MAX_THREADS];
    for (long index = 0; index < threads; index++) {
        if (pthread_create(&workers[index], NULL, forward, (void *) index) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
    printf("ready\n");
    fflush(stdout);
    pthread_join(workers[0], NULL);
    return 0;
}
