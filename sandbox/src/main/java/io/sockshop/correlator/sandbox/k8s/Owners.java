package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.util.List;
import java.util.Optional;

final class Owners {

    private Owners() {
    }

    static OwnerReference controllerOf(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    static Optional<String> controllerUid(HasMetadata object) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        if (owners == null) {
            return Optional.empty();
        }
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).map(OwnerReference::getUid).findFirst();
    }

    static boolean ownedBy(HasMetadata object, HasMetadata owner) {
        return controllerUid(object).map(uid -> uid.equals(owner.getMetadata().getUid())).orElse(false);
    }
}
