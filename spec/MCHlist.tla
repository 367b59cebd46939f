------------------------------- MODULE MCHlist -------------------------------
(***************************************************************************)
(* Model values for the hlist models (spec/models/hlist/*.cfg): the tree   *)
(* values of MC.tla, and the hlist subscribers.                            *)
(***************************************************************************)
EXTENDS MC, HlistNotifier

\* nouveau's classic notifier (nouveau_mn_ops: a start that zaps, returns
\* -EAGAIN when non-blockable, no end) and a KVM-like one (start and end,
\* the start never fails), in hlist order.
MCHlistBoth == <<"kvm", "nouveau">>
MCHlistNouveau == <<"nouveau">>
MCHlistFailing == {"nouveau"}
MCHlistZapping == {"nouveau"}
MCHlistPaired == {"kvm"}
MCHlistNone == {}
=============================================================================
