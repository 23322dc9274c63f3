import Glibc

/// A one-way signal between two threads (ready, then done), on a mutex and a condition
/// variable: waiting costs futex calls, never a read or write that /proc would count.
final class Rendezvous: @unchecked Sendable {
    enum Stage: Int { case none, ready, done }

    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var stage = Stage.none

    init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    func post(_ reached: Stage) {
        pthread_mutex_lock(&mutex)
        stage = reached
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
    }

    func wait(for wanted: Stage) {
        pthread_mutex_lock(&mutex)
        while stage.rawValue < wanted.rawValue { pthread_cond_wait(&condition, &mutex) }
        pthread_mutex_unlock(&mutex)
    }
}
