;;; A Spritely Goblins node for the ocapn-conformance harness (written for the harness; no
;;; Goblins code is copied here, only its documented API is used).
;;;
;;; Usage: guile peer.scm INIT-FILE
;;;   INIT-FILE holds one s-expression written by the harness (harness/drivers/goblins/init.ts):
;;;     (init (name . "bob") (designator . "...") (apps APP ...) (sturdyrefs (SWISS . OBJECT) ...))
;;;   APP is (NAME KIND CONFIG) with CONFIG a JSON object as (obj (KEY . VALUE) ...).
;;;
;;; What it does: listens on a `tcp-testing-only` netlayer (plain TCP on 127.0.0.1, unframed
;;; Syrup: Goblins' own port netlayer base writes one Syrup value per message), hosts the
;;; harness's apps (echo, recorder, counter, thrower, holder, forwarder) under their swiss
;;; numbers, dials page-network nodes' `sim` locations (handoff gifts name them) at their
;;; relays, prints its locator as the FIRST stdout line, then reads commands on stdin (one
;;; s-expression a line) and writes JSON lines on stdout:
;;;   (peers ID ((NODE . LOCATOR) ...))                -> {"t":"ack","id":ID}
;;;   (kickoff ID NAME TAG OP TARGET METHOD ARGS ROUTE)  -> {"t":"ack","id":ID}, later events
;;;   (shutdown ID)                                      -> {"t":"ack","id":ID}, then exit 0
;;; Events: {"t":"ev","ev":{...}} with an app event draft (call-originated, call-dispatched,
;;; call-forwarded, settled) as the harness's worker host reports them.
;;; JSON values arrive as: strings, numbers (JS numbers: floats), #t/#f, null, #(...) arrays,
;;; (obj (KEY . VALUE) ...) objects.

(use-modules (ice-9 match)
             (ice-9 exceptions)
             (ice-9 threads)
             (ice-9 format)
             (rnrs bytevectors)
             (srfi srfi-1)
             (srfi srfi-11)
             (fibers)
             (fibers operations)
             (fibers io-wakeup)
             (goblins)
             (goblins vat)
             (goblins actor-lib methods)
             (goblins actor-lib timers)
             (goblins ocapn captp)
             (goblins ocapn ids)
             (goblins ocapn netlayer base-port)
             (goblins utils ghash)
             (goblins utils hashmap)
             (goblins abstract-types))

;;; ---------------------------------------------------------------- output (JSON lines)

(define out-lock (make-mutex))
(define stdout (current-output-port))
(set-port-encoding! stdout "UTF-8")

(define (json-string s port)
  (write-char #\" port)
  (string-for-each
   (lambda (c)
     (case c
       ((#\") (display "\\\"" port))
       ((#\\) (display "\\\\" port))
       ((#\newline) (display "\\n" port))
       ((#\return) (display "\\r" port))
       ((#\tab) (display "\\t" port))
       (else (if (< (char->integer c) 32)
                 (format port "\\u~4,'0x" (char->integer c))
                 (write-char c port)))))
   s)
  (write-char #\" port))

(define (json-number n port)
  (cond ((or (nan? n) (inf? n)) (display "null" port))
        ((and (integer? n) (< (abs n) 1e21)) (display (inexact->exact n) port))
        (else (display n port))))

;; Harness-side JSON (already plain): alists with string keys are objects, vectors arrays.
(define (write-json v port)
  (cond ((string? v) (json-string v port))
        ((eq? v #t) (display "true" port))
        ((eq? v #f) (display "false" port))
        ((eq? v 'null) (display "null" port))
        ((and (number? v) (exact? v)) (display v port))
        ((number? v) (json-number v port))
        ((vector? v)
         (write-char #\[ port)
         (let loop ((i 0))
           (when (< i (vector-length v))
             (when (> i 0) (write-char #\, port))
             (write-json (vector-ref v i) port)
             (loop (+ i 1))))
         (write-char #\] port))
        ((list? v)
         (write-char #\{ port)
         (let loop ((kvs v) (first #t))
           (unless (null? kvs)
             (unless first (write-char #\, port))
             (json-string (car (car kvs)) port)
             (write-char #\: port)
             (write-json (cdr (car kvs)) port)
             (loop (cdr kvs) #f)))
         (write-char #\} port))
        (else (json-string (format #f "~a" v) port))))

(define (emit-line alist)
  (with-mutex out-lock
    (write-json alist stdout)
    (newline stdout)
    (force-output stdout)))

(define (emit-event draft) (emit-line `(("t" . "ev") ("ev" . ,draft))))

;;; ---------------------------------------------------------------- values

;; A library value the harness sent typed, {"$g": KIND, "v": ...} (harness/case/goblins-passables.ts),
;; as the Goblins value of that kind. Goblins has no value for the Model's null: refused, so the
;; kickoff breaks naming it rather than sending a substitute.
(define (typed->value kind kvs)
  (define (field key) (assoc-ref kvs key))
  (match kind
    ("undefined" *unspecified*)
    ("null" (error "goblins peer: Goblins has no value for the OCapN Model's null"))
    ("int" (string->number (field "v")))
    ("float" (let ((t (field "v")))
               (cond ((string=? t "NaN") +nan.0) ((string=? t "Infinity") +inf.0)
                     ((string=? t "-Infinity") -inf.0) ((string=? t "-0") -0.0)
                     (else (exact->inexact (string->number t))))))
    ("symbol" (string->symbol (field "v")))
    ("bytes" (u8-list->bytevector (map inexact->exact (vector->list (field "v")))))
    ("struct" (fold (lambda (kv h) (hashmap-set h (vector-ref kv 0) (json->value (vector-ref kv 1))))
                    (make-ghash) (vector->list (field "v"))))
    ("tagged" (make-tagged (string->symbol (field "tag")) (json->value (field "v"))))
    ("error" (make-exception (make-error) (make-exception-with-message (field "v"))))
    (_ (error "goblins peer: unknown typed value" kind))))

;; A JSON value from the harness as a Goblins value: objects become ghash records with string
;; keys (Syrup dictionaries), arrays lists, numbers floats (they are JS numbers).
(define (json->value v)
  (match v
    (('obj . kvs)
     (if (assoc "$g" kvs)
         (typed->value (assoc-ref kvs "$g") kvs)
         (fold (lambda (kv h) (hashmap-set h (car kv) (json->value (cdr kv)))) (make-ghash) kvs)))
    ((? vector?) (map json->value (vector->list v)))
    ('null *unspecified*)
    ((? number?) (exact->inexact v))
    (_ v)))

(define (ghash-sorted-keys h)
  (sort (hashmap-fold (lambda (k _v acc) (cons k acc)) '() h)
        (lambda (a b) (string<? (format #f "~a" a) (format #f "~a" b)))))

;; A settled value as the worker host's toPlain reports it: bigints as "Nn", promises and
;; references as labels, records as sorted objects, errors as {"error": message}.
(define (value->plain v)
  (cond ((string? v) v)
        ((boolean? v) v)
        ((unspecified? v) 'null)
        ((and (number? v) (exact? v) (integer? v)) (format #f "~an" v))
        ((number? v) v)
        ((symbol? v) (format #f "Symbol(~a)" v))
        ((bytevector? v) '())
        ((vector? v) (list->vector (map value->plain (vector->list v))))
        ((list? v) (list->vector (map value->plain v)))
        ((hashmap? v) (map (lambda (k) (cons (format #f "~a" k) (value->plain (hashmap-ref v k)))) (ghash-sorted-keys v)))
        ((promise-refr? v) "[promise]")
        ((live-refr? v) "[remotable]")
        (else (format #f "~a" v))))

;; A settled value in the typed form (the inverse of typed->value), so the harness can tell
;; whether it is exactly a library value.
(define (typed kind v) `(("$g" . ,kind) ("v" . ,v)))
(define (float-text n)
  (cond ((nan? n) "NaN") ((and (inf? n) (> n 0)) "Infinity") ((inf? n) "-Infinity")
        ((and (zero? n) (eqv? n -0.0)) "-0") (else (number->string n))))
(define (value->typed v)
  (cond ((string? v) v)
        ((boolean? v) v)
        ((unspecified? v) `(("$g" . "undefined")))
        ((and (number? v) (exact? v) (integer? v)) (typed "int" (number->string v)))
        ((and (number? v) (real? v)) (typed "float" (float-text v)))
        ((symbol? v) (typed "symbol" (symbol->string v)))
        ((bytevector? v) (typed "bytes" (list->vector (bytevector->u8-list v))))
        ((list? v) (list->vector (map value->typed v)))
        ((hashmap? v) (typed "struct" (list->vector (map (lambda (k) (vector (format #f "~a" k) (value->typed (hashmap-ref v k)))) (ghash-sorted-keys v)))))
        ((tagged? v) `(("$g" . "tagged") ("tag" . ,(format #f "~a" (tagged-label v))) ("v" . ,(value->typed (tagged-data v)))))
        (else (typed "other" (format #f "~a" v)))))

(define (reason-of err)
  (cond ((and (exception? err) (exception-with-message? err))
         (let ((irritants (if (exception-with-irritants? err) (exception-irritants err) '())))
           (if (null? irritants)
               (exception-message err)
               (format #f "~a ~s" (exception-message err) irritants))))
        (else (format #f "~a" err))))

;;; ---------------------------------------------------------------- call envelopes

(define (key-ref h key)
  (let ((by-string (hashmap-ref h key #f)))
    (or by-string (hashmap-ref h (string->symbol key) #f))))

;; The harness's last argument: {sender, ref, n} plus the route still to travel.
(define (envelope? v)
  (and (hashmap? v) (string? (key-ref v "sender")) (string? (key-ref v "ref")) (number? (key-ref v "n"))))

(define (split-call raw)
  (if (and (pair? raw) (envelope? (last raw)))
      (let ((env (last raw)))
        (values (drop-right raw 1) env (let ((r (key-ref env "route"))) (if (list? r) r '()))))
      (values raw #f '())))

(define (tag->plain env)
  (and env `(("sender" . ,(key-ref env "sender")) ("ref" . ,(key-ref env "ref")) ("n" . ,(key-ref env "n")))))

(define (with-route env route)
  (hashmap-set (hashmap-set (hashmap-set (hashmap-set (make-ghash) "sender" (key-ref env "sender"))
                                   "ref" (key-ref env "ref"))
                        "n" (key-ref env "n"))
             "route" route))

;;; ---------------------------------------------------------------- the node

(define init (call-with-input-file (cadr (command-line)) read))
(define (init-ref key) (assq-ref (cdr init) key))
(define node-name (init-ref 'name))
;; Node → where this process reaches it; set by the `peers` command before any kickoff.
(define peer-locators '())

;; The tcp-testing-only netlayer: plain TCP on 127.0.0.1, on Goblins' port netlayer base.
(define (listening-socket)
  (let ((sock (socket PF_INET SOCK_STREAM 0)))
    (setsockopt sock SOL_SOCKET SO_REUSEADDR 1)
    (fcntl sock F_SETFD FD_CLOEXEC)
    (bind sock AF_INET (inet-pton AF_INET "127.0.0.1") 0)
    (fcntl sock F_SETFL (logior O_NONBLOCK (fcntl sock F_GETFL)))
    (sigaction SIGPIPE SIG_IGN)
    (listen sock 64)
    sock))

(define server (listening-socket))
(define our-port (sockaddr:port (getsockname server)))
(define our-location
  (make-ocapn-peer 'tcp-testing-only (init-ref 'designator)
                   (hashmap-set (hashmap-set (make-hashmap) "host" "127.0.0.1") "port" (number->string our-port))))

(define (hint location key)
  (let ((hints (ocapn-peer-hints location)))
    (or (hashmap-ref hints key #f) (hashmap-ref hints (string->symbol key) #f))))

;; A non-blocking, buffered TCP socket to the host and port hints of `location` (both netlayers'
;; outgoing connections).
(define (dial-hints location)
  (let ((sock (socket PF_INET SOCK_STREAM 0)))
    (connect sock AF_INET (inet-pton AF_INET (hint location "host")) (string->number (hint location "port")))
    (fcntl sock F_SETFL (logior O_NONBLOCK (fcntl sock F_GETFL)))
    (setvbuf sock 'block 4096)
    sock))

;; A location naming another node of the case (designator = node name) is dialled at the relay
;; the harness gave for it (the `peers` command), not at the hints it carries: a handoff's
;; desc:handoff-give names the exporter's own listening port, and dialling that would open a
;; session the page network never sees (unrecorded, and no fault reaches it). Anything else is
;; dialled at its hints.
(define (dial-node location)
  (let ((relay (assoc-ref peer-locators (ocapn-peer-designator location))))
    (dial-hints (if relay (string->ocapn-id relay) location))))

(define (^tcp-testing-only-netlayer bcom)
  ;; Guile 3.0.8's accept returns #f at once on a non-blocking socket, so a fiber waits for
  ;; the connection and fulfils a promise the netlayer base waits `on`.
  (define (incoming-accept)
    (define-values (vow resolver) (spawn-promise-and-resolver))
    (spawn-fiber
     (lambda ()
       (match (let next ()
                (or (accept server SOCK_NONBLOCK)
                    (begin (perform-operation (wait-until-port-readable-operation server)) (next))))
         ((client . _addr)
          (setvbuf client 'block 4096)
          (<-np-extern resolver 'fulfill client)
          ;; The fiber's thunk must return a value.
          #t))))
    vow)
  (^base-port-netlayer bcom our-location incoming-accept dial-node))

;; The page network's own nodes name themselves `sim` locations (designator = node name), so a
;; third-party handoff from one of them names its exporter that way. This netlayer dials such a
;; location at the relay the harness gave for that node (the `peers` command), so the connection
;; still crosses the page network; it never accepts (nothing dials a Goblins node as `sim`).
(define (^sim-relay-netlayer bcom)
  (define-values (never _resolver) (spawn-promise-and-resolver))
  (define (outgoing-connect location)
    (let ((node (ocapn-peer-designator location)))
      (dial-hints (string->ocapn-id (or (assoc-ref peer-locators node) (error "no relay for sim node" node))))))
  (^base-port-netlayer bcom (make-ocapn-peer 'sim (init-ref 'designator) #f) (lambda () never) outgoing-connect))

(define vat (spawn-vat #:name node-name))

(define mycapn #f)
(define lookups (make-hash-table))

;; A reference to the object registered under SWISS at NODE (cached per pair), through a
;; sturdyref at the locator the harness gave for NODE.
(define (lookup node swiss)
  (let ((key (string-append node "/" swiss)))
    (or (hash-ref lookups key)
        (let* ((locator (or (assoc-ref peer-locators node) (error "no locator for node" node)))
               (peer (string->ocapn-id locator))
               (vow (<- mycapn 'enliven (make-ocapn-sturdyref peer (string->utf8 swiss)))))
          (hash-set! lookups key vow)
          vow))))

(define (report-dispatch object method env)
  (emit-event `(("event" . "call-dispatched") ("object" . ,object) ("method" . ,method)
                ,@(if env `(("tag" . ,(tag->plain env))) '()))))

(define (delay-then ms thunk)
  (if (and (number? ms) (> ms 0))
      (on (timeout (/ ms 1000.0)) (lambda _ (thunk)) #:promise? #t)
      (thunk)))

(define (config-ref config key default)
  (match (assoc key (cdr config))
    ((_ . 'null) default)
    ((_ . v) v)
    (#f default)))

;; A generic app: every method goes to HANDLER (after reporting dispatch) unless OWN names it.
(define (^generic bcom object handler own)
  (lambda (method . raw)
    (let-values (((args env route) (split-call raw)))
      (let ((name (symbol->string method)))
        (report-dispatch object name env)
        (match (assoc name own)
          ((_ . h) (h args env route))
          (#f (handler name args env route)))))))

(define (first-or-null args) (if (null? args) *unspecified* (car args)))

(define (make-echo object config)
  (spawn ^generic object (lambda (_m args _e _r) (delay-then (config-ref config "delayMs" 0) (lambda () (first-or-null args)))) '()))

(define (make-thrower object config)
  (spawn ^generic object (lambda _ (error (config-ref config "message" "thrower"))) '()))

(define (make-counter object config)
  (define count (config-ref config "start" 0))
  (spawn ^generic object (lambda _ count)
         `(("increment" . ,(lambda (args _e _r)
                             (set! count (+ count (if (and (pair? args) (number? (car args))) (car args) 1)))
                             count))
           ("get" . ,(lambda _ count)))))

(define (make-recorder object)
  (define log '())
  (define self #f)
  (set! self
        (spawn ^generic object
               (lambda (m _a env _r) (set! log (cons (cons m env) log)) self)
               `(("log" . ,(lambda _ (map (lambda (rec)
                                            (let ((h (hashmap-set (make-ghash) "method" (car rec))))
                                              (hashmap-set h "tag" (if (cdr rec) (with-route (cdr rec) '()) *unspecified*))))
                                          (reverse log)))))))
  self)

(define (make-holder object config)
  (define-values (vow resolver) (spawn-promise-and-resolver))
  (define started #f)
  (define (settle)
    (let ((break-with (config-ref config "breakWith" #f)))
      (if break-with
          (<-np resolver 'break break-with)
          (<-np resolver 'fulfill (json->value (config-ref config "value" 'null))))))
  (define (get . _)
    (let ((after (config-ref config "settleAfterMs" #f)))
      (unless (or started (not after))
        (set! started #t)
        (on (timeout (/ after 1000.0)) (lambda _ (settle)))))
    vow)
  (spawn ^generic object get
         `(("get" . ,get)
           ("resolveAll" . ,(lambda (args _e _r) (<-np resolver 'fulfill (first-or-null args)) #t))
           ("breakAll" . ,(lambda (args _e _r) (<-np resolver 'break (if (and (pair? args) (string? (car args))) (car args) "broken by holder")) #t)))))

;; A traced code path, as the harness's own apps mark it (harness/sim/apps/catalog.ts).
(define (emit-mark name) (emit-line `(("t" . "mark") ("name" . ,name))))

;; Passes each call to the same-named object on the route's next node; answers the onward
;; promise (`wrapped`: a list holding it). At the route's end: the first argument.
(define (make-forwarder object config)
  (define (onward method args env route)
    (match route
      (() (first-or-null args))
      ((next . rest)
       ;; As the worker forwarder (apps/forwarder.ts): the route still to travel visits this node.
       (when (or (member node-name rest) (equal? next node-name)) (emit-mark "forward:route-revisits-node"))
       (emit-event `(("event" . "call-forwarded") ("object" . ,object) ("method" . ,method)
                     ,@(if env `(("tag" . ,(tag->plain env))) '()) ("value" . ,next)))
       (apply <- (lookup next object) (string->symbol method) (append args (list (with-route env rest)))))))
  (spawn ^generic object
         (lambda (method args env route)
           (let ((answer (delay-then (config-ref config "delayMs" 0) (lambda () (onward method args env route)))))
             (if (equal? (config-ref config "result" "direct") "wrapped") (list answer) answer)))
         '()))

(define (make-app spec)
  (match spec
    ((object kind config)
     (match kind
       ("echo" (make-echo object config))
       ("thrower" (make-thrower object config))
       ("counter" (make-counter object config))
       ("recorder" (make-recorder object))
       ("holder" (make-holder object config))
       ("forwarder" (make-forwarder object config))
       (_ (error "the goblins peer has no app of this kind" kind))))))

;;; ---------------------------------------------------------------- kickoffs

(define results (make-hash-table))

(define (settle-report name tag vow)
  (define base `(("event" . "settled") ("kickoff" . ,name) ,@(if tag `(("tag" . ,tag)) '())))
  (on vow
      (lambda (value)
        ;; A forwarder's `wrapped` answer: follow single-element lists holding a promise.
        (let follow ((v value))
          (if (and (list? v) (= (length v) 1) (promise-refr? (car v)))
              (on (car v) follow #:catch (lambda (err) (emit-event `(,@base ("outcome" . "broken") ("reason" . ,(reason-of err))))))
              (emit-event `(,@base ("outcome" . "fulfilled") ("value" . ,(value->plain v)) ("typed" . ,(value->typed v)))))))
      #:catch (lambda (err) (emit-event `(,@base ("outcome" . "broken") ("reason" . ,(reason-of err)))))))

(define (kickoff name tag op target method args route)
  (define target-vow
    (match target
      (('sturdyref node swiss) (lookup node swiss))
      (('result earlier) (or (hash-ref results earlier) (error "no result of kickoff" earlier)))))
  (emit-event `(("event" . "call-originated") ("kickoff" . ,name) ("tag" . ,tag)
                ,@(if method `(("method" . ,method)) '())))
  (define envelope
    (json->value (if (null? route) `(obj ,@tag) `(obj ,@tag ("route" . ,(list->vector route))))))
  (define result
    (match op
      ('fetch target-vow)
      ('listen (on target-vow (lambda (v) v) #:promise? #t))
      ('call (apply <- target-vow (string->symbol (or method "call"))
                    (append (map json->value (vector->list args)) (list envelope))))))
  (hash-set! results name result)
  (settle-report name tag result))

;;; ---------------------------------------------------------------- main

(with-vat vat
  (set! mycapn (spawn-mycapn (spawn ^tcp-testing-only-netlayer) (spawn ^sim-relay-netlayer)))
  (let ((registry ($ mycapn 'get-registry))
        (objects (map (lambda (spec) (cons (car spec) (make-app spec))) (init-ref 'apps))))
    (for-each (lambda (pair)
                ($ registry 'register (assoc-ref objects (cdr pair)) (string->utf8 (car pair))))
              (init-ref 'sturdyrefs))))

(with-mutex out-lock
  (format stdout "ocapn://~a.tcp-testing-only?host=127.0.0.1&port=~a~%" (init-ref 'designator) our-port)
  (force-output stdout))

(define (ack id) (emit-line `(("t" . "ack") ("id" . ,id))))

(set-port-encoding! (current-input-port) "UTF-8")
(let loop ()
  (let ((command (read)))
    (match command
      ((? eof-object?) (primitive-exit 0))
      (('shutdown id) (ack id) (primitive-exit 0))
      (('peers id alist) (set! peer-locators alist) (ack id))
      (('kickoff id name tag op target method args route)
       (with-vat vat
         (catch #t
           (lambda () (kickoff name tag op target method args route))
           (lambda (key . rest)
             (emit-event `(("event" . "settled") ("kickoff" . ,name) ("outcome" . "broken")
                           ("reason" . ,(format #f "goblins peer: ~a ~s" key rest)))))))
       (ack id))
      (_ (emit-line `(("t" . "error") ("message" . ,(format #f "unknown command ~s" command))))))
    (loop)))
